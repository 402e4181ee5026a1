import { describe, expect, it } from 'vitest';
import { type Day, startDay, useDayFixture } from './support/day-setup.js';

const f = useDayFixture();

interface Standing {
  workflow: { workflowId: string; next: string | null; calledStage: string | null };
  completed: string[];
  selections: { selectionId: string; unitId: string; unit: string }[];
  agreement: { id: string; number: string; status: string } | null;
  keys: { keys: number; accessCards: number; returned: object | null } | null;
}
const standing = (day: Day, n: number) =>
  f.get<Standing>(`/api/rounds/${day.roundId}/households/${day.order[n - 1]?.id}/standing`);
const undo = (selectionId: string, cookie: string, reason = '户主要求重新选房') =>
  f.post(`/api/selections/${selectionId}/undo`, cookie, { reason });

async function throughStages(day: Day, stages: readonly Parameters<Day['serve']>[0][], count: number) {
  for (let n = 1; n <= count; n++) await day.arrive(n);
  for (const stage of stages) for (let n = 1; n <= count; n++) await day.serve(stage, n);
}

describe('撤销选房 that never contradicts a paper', () => {
  it('before signing: the signing desk undoes, and the household goes back to 选房, called there next, never to 协议签订', async () => {
    const day = await startDay(f, ['B7-041', 'B7-042', 'B7-043']);
    await throughStages(day, ['documentReview', 'idCheck', 'selection'], 2);
    const before = await standing(day, 1);
    const signingDesk = day.driver.desk('signing').cookie;
    expect(
      (
        await undo(
          before.selections[0]?.selectionId ?? '',
          f.desks.find((d) => d.stage === 'documentReview')?.cookie ?? '',
        )
      ).statusCode,
    ).toBe(403);
    expect((await undo(before.selections[0]?.selectionId ?? '', signingDesk)).statusCode).toBe(204);
    const after = await standing(day, 1);
    expect(after).toMatchObject({
      selections: [],
      agreement: null,
      completed: ['documentReview', 'idCheck'],
      workflow: { next: 'selection' },
    });
    expect(
      (
        await f.t.deps.db
          .selectFrom('units')
          .select('status')
          .where('id', '=', before.selections[0]?.unitId ?? '')
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('available');
    // The signing desk serves 第 2 号, not the undone household (it used to call it and refuse it for ever).
    await day.serve('signing', 2);
    expect((await day.driver.call('signing')).call).toBeNull();
    expect((await day.call('selection', 1)).announcement).toBe('请第 1 号');
    expect(day.events).toContainEqual(expect.objectContaining({ type: 'turn', position: 1 }));
    await day.driver.complete(
      'selection',
      after.workflow.workflowId,
      await day.driver.defaultForm('selection', day.order[0]?.id ?? ''),
    );
    await day.serve('signing', 1);
  });

  it('after signing: only a supervisor, the agreement is voided (verify page: 已作废 and when), the later stages with it', async () => {
    const day = await startDay(f, ['B7-051', 'B7-052']);
    await throughStages(day, ['documentReview', 'idCheck', 'selection', 'signing', 'propertyRegistration'], 1);
    const signed = await standing(day, 1);
    expect(signed.agreement?.status).toBe('issued');
    const selectionId = signed.selections[0]?.selectionId ?? '';
    const clerk = await undo(selectionId, day.driver.desk('signing').cookie);
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json<{ message: string }>().message).toContain('协议已签订');
    expect((await undo(selectionId, f.supervisor, '开发商更正户型')).statusCode).toBe(204);

    const after = await standing(day, 1);
    expect(after).toMatchObject({
      agreement: null,
      selections: [],
      completed: ['documentReview', 'idCheck'],
      workflow: { next: 'selection' },
    });
    const voided = await f.t.deps.db
      .selectFrom('agreements')
      .selectAll()
      .where('number', '=', signed.agreement?.number ?? '')
      .executeTakeFirstOrThrow();
    expect(voided).toMatchObject({ status: 'voided', voidReason: '撤销选房：开发商更正户型' });
    // The household's history still lists it, voided with its reason; the round's agreements in force do not.
    const listed = (all: boolean) =>
      f.get<{ number: string; status: string }[]>(
        `/api/rounds/${day.roundId}/agreements${all ? '?includeVoided=true' : ''}`,
      );
    expect((await listed(true)).find((a) => a.number === voided.number)).toMatchObject({ status: 'voided' });
    expect((await listed(false)).find((a) => a.number === voided.number)).toBeUndefined();
    const info = await f.get<{ status: string; voidedAt: string }>(
      `/public/verify/${voided.number}/json?c=${voided.contentHash?.slice(0, 16)}`,
    );
    expect(info).toMatchObject({ status: 'voided', voidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/) });
    const page = await f.t.app.inject({
      method: 'GET',
      url: `/public/verify/${voided.number}?c=${voided.contentHash?.slice(0, 16)}`,
    });
    expect(page.body).toContain(`已于 ${info.voidedAt}（北京时间）作废`);
    expect(page.body).not.toContain('校验通过');
    expect(page.body).toContain('（协议已作废）');
    const records = await f.t.deps.db
      .selectFrom('stageRecords')
      .select(['stage', 'voidedAt'])
      .where('householdId', '=', day.order[0]?.id ?? '')
      .execute();
    expect(
      records
        .filter((r) => r.voidedAt !== null)
        .map((r) => r.stage)
        .sort(),
    ).toEqual(['propertyRegistration', 'selection', 'signing']);
    expect((await day.call('selection', 1)).announcement).toBe('请第 1 号');
  });

  it('after 领取钥匙: refused until the keys and cards are back, then voids everything after 选房', async () => {
    const day = await startDay(f, ['B7-061', 'B7-062']);
    await throughStages(
      day,
      ['documentReview', 'idCheck', 'selection', 'signing', 'propertyRegistration', 'keyHandover'],
      1,
    );
    const done = await standing(day, 1);
    expect(done.keys).toEqual({ keys: 3, accessCards: 2, returned: null });
    const selectionId = done.selections[0]?.selectionId ?? '';
    const refused = await undo(selectionId, f.supervisor);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'KEYS_NOT_RETURNED', message: expect.stringContaining('钥匙') });
    const reopen = await f.post(`/api/workflows/${done.workflow.workflowId}/stages/signing/reopen`, f.supervisor, {
      reason: '协议条款有误',
    });
    expect(reopen.json()).toMatchObject({ code: 'KEYS_NOT_RETURNED' });
    expect(
      (
        await f.t.deps.db
          .selectFrom('agreements')
          .select('status')
          .where('id', '=', done.agreement?.id ?? '')
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('issued');

    const keyDesk = day.driver.desk('keyHandover').cookie;
    const returnKeys = (payload: object) =>
      f.post(`/api/workflows/${done.workflow.workflowId}/key-return`, keyDesk, payload);
    expect((await returnKeys({ keys: 2, accessCards: 2 })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'note',
    });
    expect((await returnKeys({ keys: 4, accessCards: 2 })).statusCode).toBe(400);
    const back = await returnKeys({ keys: 3, accessCards: 2 });
    expect(back.statusCode, back.body).toBe(201);
    expect((await returnKeys({ keys: 3, accessCards: 2 })).statusCode).toBe(409);
    expect((await standing(day, 1)).keys?.returned).toMatchObject({
      keys: 3,
      accessCards: 2,
      receivedBy: expect.stringMatching(/keyHandover/),
    });

    expect((await undo(selectionId, f.supervisor, '户主放弃该房源')).statusCode).toBe(204);
    const after = await standing(day, 1);
    expect(after).toMatchObject({
      keys: null,
      agreement: null,
      completed: ['documentReview', 'idCheck'],
      workflow: { next: 'selection' },
    });
    const audit = await f.t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'beforeJson'])
      .where('entityId', '=', day.order[0]?.id ?? '')
      .where('action', 'in', ['selection.undo', 'agreement.void', 'keys.return'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['keys.return', 'agreement.void', 'selection.undo']);
    expect(JSON.parse(audit[2]?.beforeJson ?? '{}')).toMatchObject({
      agreement: done.agreement?.number,
      stages: ['selection', 'signing', 'propertyRegistration', 'keyHandover'],
    });
  });
});
