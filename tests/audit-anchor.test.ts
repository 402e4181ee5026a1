import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointLine } from '../src/audit/checkpoint.js';
import { auditVerifyCli, rewriteChainFrom, selectForNext } from './support/anchor.js';
import { readPdf, squeezed } from './support/pdf-text.js';
import { createRound, type Demo, loadDemoProject } from './support/rounds.js';
import { openXlsx, rowTexts } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let demo: Demo;
let sup: string;
let roundId: string;
const CODES = ['B7-001', 'B7-002', 'B7-003', 'B7-004', 'B7-005', 'B7-006'];

const head = () => t.deps.db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).executeTakeFirstOrThrow();
const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const verifyApi = async (checkpoint?: string) => {
  const res = await get(`/api/audit/verify${checkpoint ? `?checkpoint=${checkpoint}` : ''}`, sup);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    ok: boolean;
    firstBrokenSeq: number | null;
    message: string;
    problems: string[];
    checkpointsChecked: number;
  }>();
};

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  sup = await t.loginAs('supervisor');
  const round = await createRound(t, sup, demo.projectId, {
    name: '锚点轮次',
    orderMethod: 'lottery',
    rules: { maxExcessCenti: 3000, batchSize: 6 },
    households: CODES.map((c) => ({ householdId: demo.byCode(c).id })),
  });
  roundId = round.id;
  expect(
    (await t.app.inject({ method: 'POST', url: `/api/rounds/${roundId}/commitment`, headers: { cookie: sup } }))
      .statusCode,
  ).toBe(200);
  const draw = await t.app.inject({
    method: 'POST',
    url: `/api/rounds/${roundId}/draw`,
    headers: { cookie: sup },
    payload: { publicValue: '03 15 22 36 41' },
  });
  expect(draw.statusCode, draw.body).toBe(200);
  await selectForNext(t, sup, roundId);
  await selectForNext(t, sup, roundId);
});
afterAll(async () => t.close());

describe('public documents carry the audit checkpoint as of the moment they are produced', () => {
  it('notice.json, the notice page and the notice PDF', async () => {
    const now = await head();
    const notice = (await get(`/public/rounds/${roundId}/notice.json`)).json<{ auditCheckpoint: Checkpoint }>();
    expect(notice.auditCheckpoint).toMatchObject({ seq: now.lastSeq, hash: now.lastHash, hmac: null });
    const line = checkpointLine(notice.auditCheckpoint);
    expect(line).toMatch(
      new RegExp(
        `^审计锚点：第 ${now.lastSeq} 条 · ${now.lastHash.slice(0, 16)}（前 16 位）· \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`,
      ),
    );

    const page = await get(`/public/rounds/${roundId}/notice`);
    expect(page.body).toContain(line);
    expect(page.body).toContain(`--checkpoint ${now.lastSeq}:${now.lastHash.slice(0, 16)}`);

    const pdf = await get(`/public/rounds/${roundId}/notice.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = squeezed((await readPdf(pdf.rawPayload)).map((p) => p.text).join('\n'));
    expect(text).toContain(squeezed(line));
    expect(text).toContain(now.lastHash);
  });

  it('the 公示: /gongshi page, results JSON and page, results.xlsx', async () => {
    const now = await head();
    const results = (await get(`/public/rounds/${roundId}/results`)).json<{ auditCheckpoint: Checkpoint }>();
    expect(results.auditCheckpoint).toMatchObject({ seq: now.lastSeq, hash: now.lastHash });
    const line = checkpointLine(results.auditCheckpoint);
    expect((await get(`/gongshi/${roundId}`)).body).toContain(line);
    expect((await get(`/public/rounds/${roundId}/results/page`)).body).toContain(line);
    const sheet = await openXlsx((await get(`/public/rounds/${roundId}/results.xlsx`)).rawPayload);
    expect(rowTexts(sheet, sheet.rowCount)).toEqual([line]);
  });

  it('moves with the chain: a later change gives a later checkpoint', async () => {
    const before = (await get(`/public/rounds/${roundId}/notice.json`)).json<{ auditCheckpoint: Checkpoint }>()
      .auditCheckpoint;
    await selectForNext(t, sup, roundId);
    const after = (await get(`/public/rounds/${roundId}/notice.json`)).json<{ auditCheckpoint: Checkpoint }>()
      .auditCheckpoint;
    expect(after.seq).toBeGreaterThan(before.seq);
  });
});

describe('audit:verify --checkpoint: the chain still extends a published checkpoint', () => {
  let published: Checkpoint;
  let selectionSeq: number;

  it('holds for an untouched chain, by command and by API, with the printed 16 characters or the whole hash', async () => {
    published = (await get(`/public/rounds/${roundId}/notice.json`)).json<{ auditCheckpoint: Checkpoint }>()
      .auditCheckpoint;
    const cli = await auditVerifyCli(t, ['--checkpoint', `${published.seq}:${published.hash.slice(0, 16)}`]);
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain(`extends checkpoint ${published.seq}:${published.hash.slice(0, 16)}`);
    expect(await verifyApi(`${published.seq}:${published.hash}`)).toMatchObject({
      ok: true,
      firstBrokenSeq: null,
      checkpointsChecked: 1,
    });
  });

  it('refuses a malformed checkpoint, and one the chain never reached', async () => {
    expect((await get('/api/audit/verify?checkpoint=12:abc', sup)).statusCode).toBe(400);
    const cli = await auditVerifyCli(t, ['--checkpoint', 'twelve']);
    expect(cli.code).toBe(2);
    expect(cli.out).toContain('锚点格式应为');
    const beyond = await verifyApi(`${published.seq + 1000}:${published.hash}`);
    expect(beyond).toMatchObject({ ok: false, firstBrokenSeq: published.seq + 1000 });
    expect(beyond.message).toContain(`第 ${published.seq + 1000} 条审计记录已不存在`);
  });

  it('catches the rewrite that plain verification cannot: an edited selection.create with every later hash and the head recomputed', async () => {
    // A closing report stores a checkpoint too; the rewriter brings it along (no HMAC key here).
    const report = await get(`/api/projects/${demo.projectId}/closing-report.pdf?date=2026-12-02`, sup);
    expect(report.statusCode).toBe(200);
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select(['seq', 'afterJson'])
      .where('action', '=', 'selection.create')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    selectionSeq = row.seq;
    expect(selectionSeq).toBeLessThanOrEqual(published.seq);
    const original = JSON.parse(row.afterJson ?? '{}') as { unitId: string };
    const other = demo.flats.find((f) => f.id !== original.unitId)?.id ?? '';
    await rewriteChainFrom(t, selectionSeq, (json) => json.replaceAll(original.unitId, other));
    expect(
      (
        await t.deps.db
          .selectFrom('auditLog')
          .select('afterJson')
          .where('seq', '=', selectionSeq)
          .executeTakeFirstOrThrow()
      ).afterJson,
    ).toContain(other);

    // Plain verification passes, as it did before the anchors existed.
    const plain = await auditVerifyCli(t);
    expect(plain.code, plain.out).toBe(0);
    expect(plain.out).toMatch(/intact: \d+ rows/);
    expect(await verifyApi()).toMatchObject({ ok: true });

    // The checkpoint printed on the notice before the edit does not.
    const anchored = await auditVerifyCli(t, ['--checkpoint', `${published.seq}:${published.hash.slice(0, 16)}`]);
    expect(anchored.code, anchored.out).toBe(1);
    expect(anchored.out).toContain(`第 ${published.seq} 条审计记录的哈希与公布的锚点不符`);
    expect(anchored.out).toContain(`第 ${published.seq} 条或其之前的记录已被改写`);
    const api = await verifyApi(`${published.seq}:${published.hash}`);
    expect(api).toMatchObject({ ok: false, firstBrokenSeq: published.seq });
    expect(api.message).toContain(`第 ${published.seq} 条审计记录的哈希与公布的锚点不符`);
  });

  it('still accepts a checkpoint published before the edited row: it vouches only for what came before it', async () => {
    const earlier = await t.deps.db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .where('seq', '=', selectionSeq - 1)
      .executeTakeFirstOrThrow();
    expect(await verifyApi(`${earlier.seq}:${earlier.hash}`)).toMatchObject({ ok: true });
  });
});
