import { describe, expect, it, vi } from 'vitest';
import { startDay, useDayFixture } from './support/day-setup.js';

const f = useDayFixture();

const codes = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `B7-${String(from + i).padStart(3, '0')}`);

interface Progress {
  queues: {
    stage: string;
    next: { code: string } | null;
    held: { code: string; reason: string; readiness: string }[];
    atDesks: { code: string; desk: string }[];
  }[];
  longestWaiting: { code: string }[];
}

describe('the 选房 turn never waits for a household that is not ready', () => {
  it('a household returned at 材料审核 is passed over at 选房, said so to the desk and the hall, and chooses as soon as it is ready again', async () => {
    const day = await startDay(f, codes(1, 5));
    for (let n = 1; n <= 5; n++) await day.arrive(n);
    await day.serve('documentReview', 1);
    const second = await day.call('documentReview', 2);
    const returned = await day.driver.complete('documentReview', second.workflowId, {
      presented: ['居民身份证', '征收补偿协议', '房屋腾空交付确认书'],
    });
    expect(returned.json()).toMatchObject({ outcome: 'returned', data: { missing: ['户口簿'] } });
    for (const n of [3, 4]) await day.serve('documentReview', n);
    for (const n of [1, 3, 4]) await day.serve('idCheck', n);

    expect((await day.call('selection', 1)).announcement).toBe('请第 1 号');
    await day.driver.complete(
      'selection',
      (await f.get<{ workflowId: string }>(`/api/rounds/${day.roundId}/households/${day.order[0]?.id}/workflow`))
        .workflowId,
      await day.driver.defaultForm('selection', day.order[0]?.id ?? ''),
    );
    // The desk used to be refused here: "选房须按顺序：正在等候第 2 号…请登记未到场后再叫号".
    const third = await day.call('selection', 3);
    expect(third.announcement).toBe('第 2 号 材料退回，暂缓选房；请第 3 号');
    await vi.waitFor(
      () =>
        expect(day.events).toContainEqual(
          expect.objectContaining({ type: 'turn', passed: [{ position: 2, reason: '材料退回' }] }),
        ),
      { timeout: 10_000 },
    );
    const progress = await f.get<Progress>(`/api/rounds/${day.roundId}/progress`);
    const selection = progress.queues.find((q) => q.stage === 'selection');
    expect(selection?.atDesks.map((d) => d.code)).toEqual([day.order[2]?.code]);
    expect(selection?.held).toEqual([
      expect.objectContaining({ code: day.order[1]?.code, readiness: 'returned', reason: '材料退回' }),
    ]);
    const standing = await f.get<{ line: { reason: string }; workflow: { awayReason: string } }>(
      `/api/rounds/${day.roundId}/households/${day.order[1]?.id}/standing`,
    );
    expect(standing).toMatchObject({ line: { reason: '材料退回' }, workflow: { awayReason: 'returned' } });
    const done = await day.driver.complete(
      'selection',
      third.workflowId,
      await day.driver.defaultForm('selection', day.order[2]?.id ?? ''),
    );
    expect(done.statusCode).toBe(201);

    // Back with its 户口簿: it passes the desks again and is called to 选房 before 第 4 号.
    await day.arrive(2);
    await day.serve('documentReview', 2);
    await day.serve('idCheck', 2);
    expect((await day.call('selection', 2)).announcement).toBe('请第 2 号');
  });

  it('a no-show at an earlier desk does not hold 选房; the supervisor brings it back with a reason, audited', async () => {
    const day = await startDay(f, codes(11, 5));
    for (let n = 1; n <= 5; n++) await day.arrive(n);
    for (const n of [1, 2, 3]) await day.serve('documentReview', n);
    const fourth = await day.call('documentReview', 4);
    expect(
      (await f.post(`/api/workflows/${fourth.workflowId}/no-show`, day.driver.desk('documentReview').cookie))
        .statusCode,
    ).toBe(204);
    await day.serve('documentReview', 5);
    for (const n of [1, 2, 3, 5]) await day.serve('idCheck', n);
    for (const n of [1, 2, 3]) await day.serve('selection', n);
    // Before: "正在等候第 4 号" while 第 5 号 waited, until 第 4 号 came back.
    const fifth = await day.call('selection', 5);
    expect(fifth.announcement).toBe('第 4 号 叫号未到，暂缓选房；请第 5 号');

    const progress = await f.get<Progress>(`/api/rounds/${day.roundId}/progress`);
    expect(progress.queues.find((q) => q.stage === 'documentReview')?.held).toEqual([
      expect.objectContaining({ code: day.order[3]?.code, readiness: 'noShow', reason: '叫号未到' }),
    ]);
    const url = `/api/rounds/${day.roundId}/households/${day.order[3]?.id}/present`;
    expect((await f.post(url, f.supervisor, {})).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    expect((await f.post(url, f.supervisor, { reason: '户主已到大厅' })).statusCode).toBe(204);
    const audit = await f.t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'turn.bring_back')
      .where('entityId', '=', day.order[3]?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}')).toMatchObject({ reason: '户主已到大厅' });
    expect(JSON.parse(audit.beforeJson ?? '{}')).toMatchObject({ absent: true, away: 'no_show' });
    await day.serve('documentReview', 4);
  });

  it('the supervisor passes the turn of a household at the 选房 desk; it keeps its right and chooses once back', async () => {
    const day = await startDay(f, codes(31, 3));
    for (let n = 1; n <= 3; n++) await day.arrive(n);
    for (const stage of ['documentReview', 'idCheck'] as const) for (let n = 1; n <= 3; n++) await day.serve(stage, n);
    await day.call('selection', 1);
    const pass = (n: number) =>
      f.post(`/api/rounds/${day.roundId}/households/${day.order[n - 1]?.id}/pass`, f.supervisor, {
        reason: '限时选房已到，户主仍在商议',
      });
    expect((await pass(3)).json()).toMatchObject({ code: 'CONFLICT' });
    expect((await pass(1)).statusCode).toBe(204);
    expect((await day.call('selection', 2)).announcement).toBe('第 1 号 已过号，暂缓选房；请第 2 号');
    expect(
      (
        await f.post(`/api/rounds/${day.roundId}/households/${day.order[0]?.id}/present`, f.supervisor, {
          reason: '户主商议完毕',
        })
      ).statusCode,
    ).toBe(204);
    await day.driver.complete(
      'selection',
      (await day.driver.call('selection')).call?.workflowId ?? '',
      await day.driver.defaultForm('selection', day.order[1]?.id ?? ''),
    );
    expect((await day.call('selection', 1)).announcement).toBe('请第 1 号');
  });

  it('等候最久 lists only households of open batches', async () => {
    const day = await startDay(f, codes(21, 6), 3);
    for (const n of [4, 1, 2]) await day.arrive(n);
    const progress = await f.get<Progress>(`/api/rounds/${day.roundId}/progress`);
    expect(progress.longestWaiting.map((w) => w.code).sort()).toEqual([day.order[0]?.code, day.order[1]?.code].sort());
  });
});
