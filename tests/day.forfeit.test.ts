import { describe, expect, it } from 'vitest';
import { startDay, useDayFixture } from './support/day-setup.js';
import { greyPng } from './support/png.js';

const f = useDayFixture();

interface Results {
  rows: { code: string; flats: string[]; note: string | null }[];
}
interface Queue {
  next: { code: string } | null;
  notReady: { code: string }[];
  forfeited: { code: string; kind: string; text: string }[];
}

describe('放弃, 货币补偿 and 视为放弃', () => {
  it('skips a household that gave up, shows it in 公示, puts it back in its place when reinstated, and deems the rest forfeit at close', async () => {
    const day = await startDay(f, ['B7-071', 'B7-072', 'B7-073', 'B7-074', 'B7-075']);
    const [first, second, third, fourth, fifth] = day.order;
    const act = (what: string, code: string | undefined, payload: object) =>
      f.post(
        `/api/rounds/${day.roundId}/households/${day.order.find((h) => h.code === code)?.id}/${what}`,
        f.supervisor,
        payload,
      );
    const queue = () => f.get<Queue>(`/api/rounds/${day.roundId}/queue`);
    const results = async () =>
      new Map((await f.get<Results>(`/public/rounds/${day.roundId}/results`)).rows.map((r) => [r.code, r]));

    expect(
      (
        await f.post(`/api/rounds/${day.roundId}/households/${first?.id}/forfeit`, day.driver.desk('signing').cookie, {
          kind: 'forfeit',
          reason: '户主书面放弃',
        })
      ).statusCode,
    ).toBe(403);
    const forfeit = await act('forfeit', first?.code, { kind: 'forfeit', reason: '户主书面放弃选房' });
    expect(forfeit.statusCode, forfeit.body).toBe(201);
    const statement = await f.t.app.inject({
      method: 'POST',
      url: `/api/forfeits/${forfeit.json<{ id: string }>().id}/statement`,
      headers: { cookie: f.supervisor, 'content-type': 'image/png' },
      payload: greyPng(),
    });
    expect(statement.json()).toMatchObject({ hasStatement: true });
    const notAScan = await f.t.app.inject({
      method: 'POST',
      url: `/api/forfeits/${forfeit.json<{ id: string }>().id}/statement`,
      headers: { cookie: f.supervisor, 'content-type': 'image/png' },
      payload: Buffer.from('not a picture'),
    });
    expect(notAScan.statusCode).toBeGreaterThanOrEqual(400);
    expect(notAScan.statusCode).toBeLessThan(500);
    expect((await act('forfeit', second?.code, { kind: 'cash', reason: '选择货币补偿' })).statusCode).toBe(201);
    expect((await act('forfeit', second?.code, { kind: 'cash', reason: '重复登记' })).statusCode).toBe(409);
    expect(await queue()).toMatchObject({
      forfeited: [
        { code: first?.code, kind: 'forfeit' },
        { code: second?.code, kind: 'cash', text: '放弃选房（货币补偿）' },
      ],
    });
    let rows = await results();
    expect(rows.get(first?.code ?? '')?.note).toBe('放弃选房');
    expect(rows.get(second?.code ?? '')?.note).toBe('放弃选房（货币补偿）');
    expect((await f.t.app.inject({ method: 'GET', url: `/gongshi/${day.roundId}` })).body).toContain(
      '放弃选房（货币补偿）',
    );

    // The desks never call a household that gave up: 第 3 号 is the first at every desk.
    const door = await f.post(`/api/rounds/${day.roundId}/arrivals`, day.driver.desk('documentReview').cookie, {
      by: 'code',
      value: first?.code,
    });
    expect(door.json()).toMatchObject({ code: 'FORFEITED', message: expect.stringContaining('放弃选房') });
    for (let n = 3; n <= 4; n++) await day.arrive(n);
    expect((await queue()).notReady.map((h) => h.code)).toEqual([third?.code, fourth?.code, fifth?.code]);
    await day.serve('documentReview', 3);
    await day.serve('idCheck', 3);
    await day.serve('selection', 3);
    expect(
      (
        await f.post(`/api/rounds/${day.roundId}/households/${third?.id}/forfeit`, f.supervisor, {
          kind: 'forfeit',
          reason: '已选房',
        })
      ).json(),
    ).toMatchObject({ code: 'CONFLICT' });

    // Reinstated, 第 1 号 goes back to its place: it is called first and chooses next.
    expect((await act('reinstate', first?.code, { reason: '户主撤回放弃声明' })).statusCode).toBe(204);
    await day.arrive(1);
    expect((await queue()).forfeited.map((q) => q.code)).toEqual([second?.code]);
    await day.serve('documentReview', 1);
    await day.serve('idCheck', 1);
    expect((await day.call('selection', 1)).announcement).toBe('请第 1 号');
    const busy = await f.post(`/api/rounds/${day.roundId}/close`, f.supervisor, { reason: '选房时间截止' });
    expect(busy.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('第 1 号正在选房窗口') });
    await day.driver.complete(
      'selection',
      (await day.driver.call('selection')).call?.workflowId ?? '',
      await day.driver.defaultForm('selection', first?.id ?? ''),
    );

    // The deadline: 第 4 号 (signed in, not finished) and 第 5 号 (never came) are deemed to have given up.
    const closed = await f.post(`/api/rounds/${day.roundId}/close`, f.supervisor, { reason: '选房时间截止' });
    expect(closed.json()).toEqual({ deemedForfeit: 2, keptRight: 0 });
    rows = await results();
    expect([fourth, fifth].map((h) => rows.get(h?.code ?? '')?.note)).toEqual(['视为放弃', '视为放弃']);
    expect(rows.get(first?.code ?? '')?.flats).toHaveLength(1);
    expect((await day.driver.call('documentReview')).call).toBeNull();
    expect((await act('reinstate', fourth?.code, { reason: '补选' })).json()).toMatchObject({ code: 'ROUND_CLOSED' });
    // Signing goes on after the close for those who chose.
    await day.serve('signing', 1);
    await day.serve('signing', 3);
    const verify = await f.get<{ ok: boolean }>('/api/audit/verify');
    expect(verify.ok).toBe(true);
  });
});
