import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRowHash, type ChainedFields, findChainBreak, GENESIS_HASH } from '../src/audit/audit-chain.js';
import { createProjectVia } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);

function chain(n: number): (ChainedFields & { hash: string })[] {
  const rows: (ChainedFields & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq,
      at: '2026-11-27T00:00:00.000Z',
      actorId: null,
      actorName: 'x',
      action: 'a',
      entityType: 'e',
      entityId: String(seq),
      projectId: null,
      beforeJson: null,
      afterJson: '{}',
      prevHash,
    };
    const hash = auditRowHash(fields);
    rows.push({ ...fields, hash });
    prevHash = hash;
  }
  return rows;
}

describe('hash chain walk (pure)', () => {
  it('accepts an intact chain and names each kind of break', () => {
    const rows = chain(5);
    const head = { lastSeq: 5, lastHash: rows[4]?.hash ?? '' };
    expect(findChainBreak(rows, head)).toBeNull();
    expect(
      findChainBreak(
        rows.map((r) => (r.seq === 3 ? { ...r, actorName: 'y' } : r)),
        head,
      ),
    ).toEqual({ kind: 'altered', seq: 3 });
    expect(
      findChainBreak(
        rows.filter((r) => r.seq !== 2),
        head,
      ),
    ).toEqual({ kind: 'gap', seq: 3, expectedSeq: 2 });
    expect(findChainBreak(rows.slice(0, 4), head)).toEqual({ kind: 'truncated', lastSeq: 4, headSeq: 5 });
  });
});

describe('npm run audit:verify', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const cookie = await t.loginAs('supervisor');
    await createProjectVia(t.app, cookie, 'CLI');
  });
  afterAll(async () => t.close());

  const verify = () =>
    run('npx', ['tsx', 'src/cli/audit-verify.ts'], { env: { ...process.env, ...t.database.env } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it('passes on an intact chain and fails, naming the row, after an edit', async () => {
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/intact: \d+ rows/);
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', '=', 'project.create')
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('auditLog').set({ actorName: 'someone-else' }).where('seq', '=', row.seq).execute();
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`第 ${row.seq} 条审计记录的内容被改动`);
  });
});
