import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointHmac } from '../src/audit/checkpoint.js';
import { auditVerifyCli, rewriteChainFrom, selectForNext, shanghaiToday } from './support/anchor.js';
import { readPdf, squeezed } from './support/pdf-text.js';
import { type Demo, loadDemoProject, orderedRound } from './support/rounds.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const KEY = 'test-only-audit-hmac-key-0123456789abcdef';
let t: TestApp;
let demo: Demo;
let sup: string;
const CODES = ['B7-001', 'B7-002', 'B7-004', 'B7-006'];

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const reportUrl = (date: string, projectId = demo.projectId) =>
  `/api/projects/${projectId}/closing-report.pdf?date=${date}`;

beforeAll(async () => {
  t = await createTestApp({ env: { ANJU_AUDIT_HMAC_KEY: KEY } });
  demo = await loadDemoProject(t);
  sup = await t.loginAs('supervisor');
  const round = await orderedRound(t, sup, demo.projectId, {
    name: '日终轮次',
    rules: { maxExcessCenti: 3000, batchSize: 4 },
    households: CODES.map((c) => ({ householdId: demo.byCode(c).id })),
  });
  await selectForNext(t, sup, round.id);
  const undone = await selectForNext(t, sup, round.id);
  const undo = await t.app.inject({
    method: 'POST',
    url: `/api/selections/${undone}/undo`,
    headers: { cookie: sup },
    payload: { reason: '户主要求重选' },
  });
  expect(undo.statusCode, undo.body).toBe(204);
  await selectForNext(t, sup, round.id);
});
afterAll(async () => t.close());

describe('日终报告 (daily closing report)', () => {
  let checkpoint: Checkpoint & { purpose: string };

  it("prints the day's figures per round, the checkpoint in full with its HMAC, and the supervisor's signature line", async () => {
    const res = await get(reportUrl(shanghaiToday()), sup);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const stored = await t.deps.db.selectFrom('auditCheckpoints').selectAll().execute();
    expect(stored).toHaveLength(1);
    checkpoint = stored[0] as Checkpoint & { purpose: string };
    expect(checkpoint.purpose).toBe('closing-report');
    expect(checkpoint.hmac).toBe(checkpointHmac(KEY, checkpoint));

    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(1);
    const text = pages.map((p) => p.text).join('\n');
    const flat = squeezed(text);
    const [y, m, d] = shanghaiToday().split('-').map(Number);
    expect(text).toContain('日终报告');
    expect(flat).toContain(squeezed(`报告日期：${y}年${m}月${d}日`));
    // 日终轮次: no arrivals or stages (no day was run), 3 selections, 1 undo, no agreements, no 放弃.
    expect(text).toMatch(/日终轮次 0 0 3 1 0 0 0/);
    expect(text).toMatch(/合计 0 0 3 1 0 0 0/);
    expect(flat).toContain(`第${checkpoint.seq}条`);
    expect(flat).toContain(checkpoint.hash);
    expect(flat).toContain(checkpoint.hmac);
    expect(flat).toContain(squeezed(`npm run audit:verify -- --checkpoint ${checkpoint.seq}:${checkpoint.hash}`));
    expect(text).toContain('监督人（签字）：');
  });

  it('is recorded as an audit row naming the checkpoint it extends', async () => {
    const row = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'audit.closing_report')
      .executeTakeFirstOrThrow();
    expect(row.seq).toBe(checkpoint.seq + 1);
    expect(row.prevHash).toBe(checkpoint.hash);
    const after = JSON.parse(row.afterJson ?? '{}') as {
      date: string;
      checkpoint: Checkpoint;
      rounds: { roundName: string; selections: number }[];
    };
    expect(after.date).toBe(shanghaiToday());
    expect(after.checkpoint).toMatchObject({ seq: checkpoint.seq, hash: checkpoint.hash, hmac: checkpoint.hmac });
    expect(after.rounds).toEqual([expect.objectContaining({ roundName: '日终轮次', selections: 3 })]);
  });

  it('counts only its day, and refuses a bad date, an unknown project and a desk', async () => {
    const other = await get(reportUrl('2020-01-01'), sup);
    expect(other.statusCode).toBe(200);
    expect((await readPdf(other.rawPayload)).map((p) => p.text).join('\n')).toMatch(/日终轮次 0 0 0 0 0 0 0/);
    expect((await get(reportUrl('2026-02-30'), sup)).statusCode).toBe(400);
    expect((await get(reportUrl('today'), sup)).statusCode).toBe(400);
    expect((await get(reportUrl('2026-12-02', 'no-such-project'), sup)).statusCode).toBe(404);
    expect((await get(reportUrl('2026-12-02'), await t.loginAs('signing_clerk'))).statusCode).toBe(403);
    expect((await get(reportUrl('2026-12-02'))).statusCode).toBe(401);
  });

  it('public checkpoints carry the HMAC too when a key is set', async () => {
    const round = await t.deps.db.selectFrom('allocationRounds').select('id').executeTakeFirstOrThrow();
    const results = (await get(`/public/rounds/${round.id}/results`)).json<{ auditCheckpoint: Checkpoint }>();
    expect(results.auditCheckpoint.hmac).toBe(checkpointHmac(KEY, { ...results.auditCheckpoint, purpose: 'public' }));
  });
});

describe('HMAC over stored checkpoints', () => {
  const verify = async () =>
    (await get('/api/audit/verify', sup)).json<{
      ok: boolean;
      message: string;
      problems: string[];
      checkpointsChecked: number;
    }>();

  it('verifies while checkpoints and their HMACs agree', async () => {
    expect(await verify()).toMatchObject({ ok: true, checkpointsChecked: 2 });
  });

  it('detects the rewrite that also carried the stored checkpoints along: their HMACs no longer match', async () => {
    const first = await t.deps.db.selectFrom('auditCheckpoints').selectAll().orderBy('seq').executeTakeFirstOrThrow();
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', '=', 'selection.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await rewriteChainFrom(t, row.seq, (json) => json.replace(/}$/, ',"forged":true}'));
    const report = await verify();
    expect(report.ok).toBe(false);
    // Checkpoints are read in id order (random ids): any of the carried ones may be named first.
    expect(
      report.problems.some(
        (p) => p.includes(`第 ${first.seq} 条处的锚点（closing-report`) && p.includes('HMAC 不符或缺失'),
      ),
    ).toBe(true);

    const cli = await auditVerifyCli(t, [], { ANJU_AUDIT_HMAC_KEY: KEY });
    expect(cli.code, cli.out).toBe(1);
    expect(cli.out).toContain('HMAC 不符或缺失');
    // Without the key the same rewrite passes: the HMAC is what the key adds.
    const keyless = await auditVerifyCli(t, [], { ANJU_AUDIT_HMAC_KEY: '' });
    expect(keyless.code, keyless.out).toBe(0);
  });

  it('detects an HMAC edited or removed by hand', async () => {
    await t.deps.db.updateTable('auditCheckpoints').set({ hmac: null }).execute();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.includes('HMAC 不符或缺失'))).toHaveLength(2);
  });
});
