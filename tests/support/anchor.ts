import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { auditRowHash } from '../../src/audit/audit-chain.js';
import { getQueue } from './rounds.js';
import type { TestApp } from './test-app.js';

const run = promisify(execFile);

/** `npm run audit:verify` against the test's database, with extra arguments and environment. */
export function auditVerifyCli(
  t: TestApp,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  return run('npx', ['tsx', 'src/cli/audit-verify.ts', ...args], {
    env: { ...process.env, ...t.database.env, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/** Has whoever is next in the round's line take the first flat allowed to them; returns the selection's id. */
export async function selectForNext(t: TestApp, cookie: string, roundId: string): Promise<string> {
  const next = (await getQueue(t, cookie, roundId)).next;
  if (!next) throw new Error('nobody is next');
  const options = await t.app.inject({
    method: 'GET',
    url: `/api/rounds/${roundId}/households/${next.householdId}/options`,
    headers: { cookie },
  });
  const flat = options.json<{ unitId: string; allowed: boolean }[]>().find((o) => o.allowed);
  if (!flat) throw new Error(`no flat allowed for ${next.code}`);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/rounds/${roundId}/selections`,
    headers: { cookie },
    payload: { householdId: next.householdId, unitId: flat.unitId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ selectionId: string }>().selectionId;
}

/**
 * The attack from the security review, done the way someone holding the database would: change
 * one row's after_json, recompute its hash and every later row's with the project's own hash
 * function, move the head, and bring the stored checkpoints along. Only a key kept outside the
 * database (HMAC) or a checkpoint published outside it can tell.
 */
export async function rewriteChainFrom(t: TestApp, seq: number, edit: (afterJson: string) => string): Promise<void> {
  const db = t.deps.db;
  const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
  const first = rows[0];
  if (!first || first.seq !== seq) throw new Error(`no audit row ${seq}`);
  let prevHash = first.prevHash;
  const rehashed = new Map<number, string>();
  for (const row of rows) {
    const fields = {
      ...row,
      prevHash,
      afterJson: row.seq === seq && row.afterJson !== null ? edit(row.afterJson) : row.afterJson,
    };
    const hash = auditRowHash(fields);
    await db
      .updateTable('auditLog')
      .set({ afterJson: fields.afterJson, prevHash, hash })
      .where('seq', '=', row.seq)
      .execute();
    rehashed.set(row.seq, hash);
    prevHash = hash;
  }
  await db.updateTable('auditHead').set({ lastHash: prevHash }).where('id', '=', 1).execute();
  for (const [at, hash] of rehashed)
    await db.updateTable('auditCheckpoints').set({ hash }).where('seq', '=', at).execute();
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
