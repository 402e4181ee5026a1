import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from './support/audit.js';
import {
  CHINESE,
  createRound,
  type Demo,
  type ErrorBody,
  getQueue,
  liveSelectionsOfUnit,
  loadDemoProject,
  orderedRound,
  orderRound,
  type SelectionBody,
  select,
  signingOrder,
  unitStatus,
} from './support/rounds.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let demo: Demo;
let sup: string;
let clerk: string;
let desk: string;
beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  [sup, clerk, desk] = [await t.loginAs('supervisor'), await t.loginAs('signing_clerk'), await t.loginAs('reviewer')];
});
afterAll(async () => t.close());

const ids = (...codes: string[]) => codes.map((c) => ({ householdId: demo.byCode(c).id }));
const codesOf = (entries: { code: string }[]) => entries.map((e) => e.code);

describe('先签先选: order by compensation-agreement signing time', () => {
  it('orders to the second, ties (same second, whatever the milliseconds) by 户号', async () => {
    // Four agreements signed on the same morning; B7-005 and B7-010 in the same second.
    const times: [string, string][] = [
      ['B7-007', '2019-06-03T09:15:26.999+08:00'],
      ['B7-010', '2019-06-03T09:15:27.100+08:00'],
      ['B7-005', '2019-06-03T09:15:27.900+08:00'],
      ['B7-003', '2019-06-03T01:15:28.000Z'],
    ];
    for (const [code, at] of times) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/households/${demo.byCode(code).id}`,
        headers: { cookie: sup },
        payload: { compensationSignedAt: at, reason: '更正签约时间' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    demo = await loadDemoProject(t);
    const codes = [
      'B7-020',
      'B7-010',
      'B7-009',
      'B7-008',
      'B7-007',
      'B7-006',
      'B7-005',
      'B7-004',
      'B7-003',
      'B7-002',
      'B7-001',
      'B7-028',
    ];
    const round = await createRound(t, sup, demo.projectId, {
      name: '先签先选',
      orderMethod: 'signing_time',
      rules: { maxExcessCenti: 1000, batchSize: 5 },
      households: ids(...codes),
    });
    expect(round).toMatchObject({ status: 'open', households: 12, units: 96 });
    const ordered = await orderRound(t, sup, round.id);
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({ status: 'ordered', statusText: '选房中' });

    const expected = [
      'B7-001',
      'B7-002',
      'B7-004',
      'B7-006',
      'B7-008',
      'B7-009',
      'B7-028',
      'B7-007',
      'B7-005',
      'B7-010',
      'B7-003',
      'B7-020',
    ];
    expect(signingOrder(codes.map((c) => demo.byCode(c)))).toEqual(expected);
    const queue = await getQueue(t, desk, round.id);
    expect(codesOf(queue.waiting)).toEqual(expected);
    expect(queue.waiting.map((e) => [e.position, e.batch])).toEqual(
      expected.map((_, i) => [i + 1, Math.ceil((i + 1) / 5)]),
    );

    const again = await orderRound(t, sup, round.id);
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().message).toMatch(CHINESE);
  });

  it('refuses households without a signing time with a Chinese 409 naming them, and keeps the round open', async () => {
    const round = await createRound(t, sup, demo.projectId, {
      name: '含未签约户',
      orderMethod: 'signing_time',
      rules: { maxExcessCenti: 1000 },
      households: ids('B7-062', 'B7-001', 'B7-061'),
    });
    const res = await orderRound(t, sup, round.id);
    expect(res.statusCode).toBe(409);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe('CONFLICT');
    expect(body.message).toContain('没有补偿协议签订时间');
    expect(body.message).toContain('B7-061、B7-062');
    expect(body.details).toEqual({ unsigned: ['B7-061', 'B7-062'] });
    const view = await t.app.inject({ method: 'GET', url: `/api/rounds/${round.id}`, headers: { cookie: sup } });
    expect(view.json()).toMatchObject({ status: 'open', orderedAt: null });
  });
});

describe('selection in order, within the rules', () => {
  // 001 103㎡ · 002 110㎡ 高龄 · 004 120㎡ | 006 87㎡ · 008 80㎡ · 012 95㎡ 高龄 | 013 81㎡
  let roundId: string;
  const H = (code: string) => demo.byCode(code).id;
  const optionsOf = async (code: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/rounds/${roundId}/households/${H(code)}/options`,
      headers: { cookie: desk },
    });
    expect(res.statusCode, res.body).toBe(200);
    return new Map(res.json<{ unitId: string; allowed: boolean; reason: string | null }[]>().map((o) => [o.unitId, o]));
  };
  const refusal = async (code: string, unitId: string) => {
    const res = await select(t, clerk, roundId, H(code), unitId);
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json<ErrorBody>();
    expect(body.message).toMatch(CHINESE);
    return body;
  };
  const take = async (code: string, unitId: string) => {
    const res = await select(t, clerk, roundId, H(code), unitId);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SelectionBody>();
  };

  beforeAll(async () => {
    const round = await orderedRound(t, sup, demo.projectId, {
      name: '第一轮选房',
      rules: { maxExcessCenti: 1000, priority: { floorsAtMost: 3, flags: ['elderly'] }, batchSize: 3 },
      households: ids('B7-013', 'B7-012', 'B7-008', 'B7-006', 'B7-004', 'B7-002', 'B7-001'),
    });
    roundId = round.id;
  });

  it('lets only the household whose turn it is choose, and only the desks that may', async () => {
    expect((await getQueue(t, desk, roundId)).next?.code).toBe('B7-001');
    const early = await refusal('B7-002', demo.flat(2, 10, 2).id);
    expect(early.code).toBe('NOT_YOUR_TURN');
    expect(early.message).toContain('还未轮到户号 B7-002');
    expect(early.message).toContain('户号 B7-001');
    expect((await select(t, desk, roundId, H('B7-001'), demo.flat(2, 10, 2).id)).statusCode).toBe(403);
  });

  it('explains every flat it refuses: outside the area band, or kept for priority households', async () => {
    const options = await optionsOf('B7-001');
    expect(options.size).toBe(96);
    expect(options.get(demo.flat(1, 12, 1).id)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('超出'),
    });
    expect(options.get(demo.flat(2, 2, 2).id)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('优先'),
    });
    expect(options.get(demo.flat(2, 10, 2).id)).toMatchObject({ allowed: true, reason: null });
    expect((await refusal('B7-001', demo.flat(1, 12, 1).id)).code).toBe('AREA_OUT_OF_BAND');
    expect((await refusal('B7-001', demo.flat(2, 2, 2).id)).code).toBe('RESERVED_FOR_PRIORITY');
  });

  it('takes the flat once, with its settlement in figures and 大写; a repeat is answered, not recorded', async () => {
    const flat = demo.flat(2, 10, 2);
    const first = await take('B7-001', flat.id);
    expect(first).toMatchObject({ unitLabel: '7#楼2单元1002室', repeated: false });
    // 103.00 ㎡ entitled, 95.18 ㎡ taken: 7.82 ㎡ refunded at 4,800 元/㎡.
    expect(first.settlement).toMatchObject({
      entitledCenti: 10_300,
      allocatedCenti: 9_518,
      differenceCenti: -782,
      totalFen: -3_753_600,
    });
    expect(first.settlement.lines.map((l) => l.kind)).toEqual(['shortfall_refund']);
    expect(first.settlementText).toBe('应退还 人民币 37,536.00 元（大写：叁万柒仟伍佰叁拾陆元整）');
    expect(await unitStatus(t, flat.id)).toBe('allocated');
    const audits = await auditCount(t.deps.db, 'selection.create');

    const repeat = await select(t, sup, roundId, H('B7-001'), flat.id);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json<SelectionBody>()).toMatchObject({
      selectionId: first.selectionId,
      repeated: true,
      settlementText: first.settlementText,
    });
    expect(await liveSelectionsOfUnit(t, flat.id)).toBe(1);
    const rows = await t.deps.db.selectFrom('selections').select('id').where('householdId', '=', H('B7-001')).execute();
    expect(rows).toHaveLength(1);
    expect(await auditCount(t.deps.db, 'selection.create')).toBe(audits);
  });

  it('passes over an absent household, which keeps its right and chooses as soon as it is back', async () => {
    const mark = (code: string, what: 'absent' | 'present', reason = '叫号三次未到') =>
      t.app.inject({
        method: 'POST',
        url: `/api/rounds/${roundId}/households/${H(code)}/${what}`,
        headers: { cookie: desk },
        payload: { reason },
      });
    expect((await mark('B7-002', 'absent', '')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect((await mark('B7-002', 'absent')).statusCode).toBe(204);
    let queue = await getQueue(t, desk, roundId);
    expect(queue.next?.code).toBe('B7-004');
    expect(codesOf(queue.absent)).toEqual(['B7-002']);
    expect(queue.passed.map((p) => [p.code, p.reason])).toEqual([['B7-002', '登记未到场']]);
    expect(queue.announcement).toMatch(/^第 \d+ 号 登记未到场，暂缓选房；请第 \d+ 号$/);
    expect((await refusal('B7-002', demo.flat(1, 12, 1).id)).message).toContain('未到场');

    expect((await mark('B7-002', 'present')).statusCode).toBe(204);
    expect((await mark('B7-002', 'present')).statusCode).toBe(409);
    queue = await getQueue(t, desk, roundId);
    expect(codesOf(queue.waiting)).toEqual(['B7-002', 'B7-004', 'B7-006', 'B7-008', 'B7-012', 'B7-013']);
    expect(queue.passed).toEqual([]);
    expect((await refusal('B7-004', demo.flat(1, 12, 1).id)).code).toBe('NOT_YOUR_TURN');

    // A household whose turn has not come yet loses nothing by being late, and gains nothing either.
    expect((await mark('B7-013', 'absent')).statusCode).toBe(204);
    expect((await mark('B7-013', 'present')).statusCode).toBe(204);
    queue = await getQueue(t, desk, roundId);
    expect(codesOf(queue.waiting)).toEqual(['B7-002', 'B7-004', 'B7-006', 'B7-008', 'B7-012', 'B7-013']);

    const late = await take('B7-002', demo.flat(2, 1, 1).id);
    // A priority household may take a low floor; 2.74 ㎡ over at 3,200 元/㎡.
    expect(late.settlementText).toBe('应补交 人民币 8,768.00 元（大写：捌仟柒佰陆拾捌元整）');
    await take('B7-004', demo.flat(1, 12, 1).id);
  });

  it('keeps floors ≤ K for priority households only while some still wait', async () => {
    const low = demo.flat(1, 1, 2);
    expect((await optionsOf('B7-006')).get(low.id)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('高龄、残疾户'),
    });
    expect((await refusal('B7-006', low.id)).code).toBe('RESERVED_FOR_PRIORITY');
    await take('B7-006', demo.flat(1, 5, 2).id);
    await take('B7-008', demo.flat(1, 6, 2).id);
    expect((await optionsOf('B7-013')).get(low.id)?.allowed).toBe(false);
    await take('B7-012', demo.flat(2, 2, 2).id);
    expect((await optionsOf('B7-013')).get(low.id)).toMatchObject({ allowed: true, reason: null });
    await take('B7-013', low.id);
    expect((await getQueue(t, desk, roundId)).next).toBeNull();
  });

  it('lets the signing desk or a supervisor, not another desk, undo a selection before signing, with a reason: the flat is free again and the undo audited', async () => {
    const low = demo.flat(1, 1, 2);
    const selection = await t.deps.db
      .selectFrom('selections')
      .selectAll()
      .where('unitId', '=', low.id)
      .where('undoneAt', 'is', null)
      .executeTakeFirstOrThrow();
    const undo = (cookie: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/selections/${selection.id}/undo`, headers: { cookie }, payload });
    expect((await undo(desk, { reason: '户主要求重选' })).statusCode).toBe(403);
    expect((await undo(clerk, {})).statusCode).toBe(400);
    const undoAudits = await auditCount(t.deps.db, 'selection.undo');
    expect((await undo(clerk, { reason: '录入错误，户主要求重选' })).statusCode).toBe(204);

    expect(await unitStatus(t, low.id)).toBe('available');
    expect(await liveSelectionsOfUnit(t, low.id)).toBe(0);
    const row = await t.deps.db
      .selectFrom('selections')
      .selectAll()
      .where('id', '=', selection.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      undoReason: '录入错误，户主要求重选',
      undoneBy: expect.stringMatching(/^signing_clerk-/),
    });
    expect(await auditCount(t.deps.db, 'selection.undo')).toBe(undoAudits + 1);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'selection.undo')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.entityId).toBe(H('B7-013'));
    expect(JSON.parse(audit.afterJson ?? '{}')).toEqual({ reason: '录入错误，户主要求重选', backTo: 'selection' });

    const queue = await getQueue(t, desk, roundId);
    expect(queue.next?.code).toBe('B7-013');
    expect((await optionsOf('B7-013')).get(low.id)?.allowed).toBe(true);
    expect((await undo(sup, { reason: '再次撤销' })).statusCode).toBe(404);
  });
});
