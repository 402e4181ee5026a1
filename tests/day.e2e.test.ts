import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stage, stages } from '../src/checkin/stages.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { auditCount } from './support/audit.js';
import { DayDriver, type Desk, deskRoles, type HouseholdFile } from './support/day-driver.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let supervisor: string;
let roundId: string;
let driver: DayDriver;
let files: HouseholdFile[];
const order: HouseholdFile[] = [];
const chinese = /[\u4e00-\u9fff]/;

async function count(table: 'stageRecords' | 'selections' | 'agreements'): Promise<number> {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const post = (url: string, cookie: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const workflowOf = async (householdId: string) =>
  (
    await t.deps.db
      .selectFrom('workflows')
      .select('id')
      .where('householdId', '=', householdId)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  t = await createTestApp();
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  supervisor = await t.loginAs('supervisor', 'chief');
  const listing = (
    await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/households?limit=500`,
      headers: { cookie: supervisor },
    })
  ).json();
  files = listing.items.map((h: { id: string; code: string; members: { idNumber: string; isHead: boolean }[] }) => ({
    id: h.id,
    code: h.code,
    headId: h.members.find((m) => m.isHead)?.idNumber ?? '',
    members: h.members.length,
  }));
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (
    await post(`/api/projects/${projectId}/rounds`, supervisor, { name: '分房日', orderMethod: 'lottery', rules })
  ).json().id;
  await post(`/api/rounds/${roundId}/commitment`, supervisor);
  expect((await post(`/api/rounds/${roundId}/draw`, supervisor, { publicValue: '11 27 2026' })).statusCode).toBe(200);
  const queue = (
    await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie: supervisor } })
  ).json();
  for (const w of queue.waiting) order.push(files.find((f) => f.id === w.householdId) as HouseholdFile);

  const desks: Desk[] = [];
  for (const [i, stage] of stages.entries()) {
    const role = deskRoles[stage];
    const cookie = role === 'supervisor' ? supervisor : await t.loginAs(role, `desk-${stage}`);
    const res = await post('/api/desks/sign-in', cookie, { projectId, deskNumber: `${i + 1}号窗口`, stage });
    expect(res.statusCode).toBe(200);
    desks.push({ stage, cookie, number: `${i + 1}号窗口` });
  }
  driver = new DayDriver(t.app, roundId, desks, new Map(files.map((f) => [f.id, f])), [
    '户口簿',
    '居民身份证',
    '征收补偿协议',
    '房屋腾空交付确认书',
  ]);
});
afterAll(async () => t.close());

const arrive = (by: 'code' | 'idNumber' | 'qr', value: string) =>
  post(`/api/rounds/${roundId}/arrivals`, driver.desk('documentReview').cookie, { by, value });
const batchOf = (n: number) => order.slice((n - 1) * 12, n * 12);

describe('the allocation day, 96 households through five desks over HTTP', () => {
  it('refuses a desk page to the wrong role and a stage out of order, in Chinese', async () => {
    const keys = driver.desk('keyHandover').cookie;
    const wrong = await post('/api/desks/sign-in', keys, {
      projectId: (await t.deps.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id,
      deskNumber: '9',
      stage: 'documentReview',
    });
    expect(wrong.statusCode).toBe(403);
    await post(`/api/rounds/${roundId}/batches`, supervisor, { number: 1 });
    const first = order[0] as HouseholdFile;
    expect((await arrive('code', first.code)).json()).toMatchObject({ position: 1, batch: 1, batchOpen: true });
    const early = await driver.complete('idCheck', await workflowOf(first.id), {
      person: 'head',
      idNumber: first.headId,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'STAGE_OUT_OF_ORDER' });
    expect(early.json<{ message: string }>().message).toMatch(chinese);
  });

  it('serves batch 1 with a missing paper and a second visit, an agent, and a retried request', async () => {
    const [, second, third, ...rest] = batchOf(1) as HouseholdFile[];
    expect((await arrive('idNumber', (second as HouseholdFile).headId.toLowerCase())).json().code).toBe(second?.code);
    expect((await arrive('qr', `ANJU1:${roundId}:${third?.code}`)).json().code).toBe(third?.code);
    for (const f of rest) await arrive('code', f.code);

    // The first household forgot its 户口簿: returned with the list, comes back later.
    const events: unknown[] = [];
    const unsubscribe = t.deps.events.subscribe(roundId, (e) => events.push(e));
    const call = await driver.call('documentReview');
    expect(call.call?.code).toBe(order[0]?.code);
    // The hall screen's event: queue number, masked name, desk — never the full name. On
    // PostgreSQL it comes back through LISTEN/NOTIFY, after the answer.
    const headName = call.call?.headName ?? '';
    await vi.waitFor(
      () =>
        expect(events).toContainEqual({
          type: 'call',
          roundId,
          position: 1,
          maskedName: expect.stringMatching(/^.\*/),
          desk: '1号窗口',
          stage: '材料审核',
        }),
      { timeout: 10_000 },
    );
    unsubscribe();
    expect(JSON.stringify(events)).not.toContain(headName);
    const missing = await driver.complete('documentReview', call.call?.workflowId ?? '', {
      presented: ['居民身份证', '征收补偿协议', '房屋腾空交付确认书'],
    });
    expect(missing.json()).toMatchObject({ outcome: 'returned', data: { missing: ['户口簿'] } });
    expect(missing.json<{ message: string }>().message).toContain('户口簿');

    // The second comes with an agent holding a 委托书; the retried request writes nothing new.
    const agentCall = await driver.call('documentReview');
    expect(agentCall.call?.code).toBe(second?.code);
    const key = `retry-${second?.code}`;
    const form = {
      presented: ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书', '授权委托书'],
      agent: true,
    };
    const firstTry = await driver.complete('documentReview', agentCall.call?.workflowId ?? '', form, key);
    expect(firstTry.statusCode).toBe(201);
    const records = await count('stageRecords');
    const audit = await auditCount(t.deps.db);
    const retry = await driver.complete('documentReview', agentCall.call?.workflowId ?? '', form, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ repeated: true, recordId: firstTry.json<{ recordId: string }>().recordId });
    expect(await count('stageRecords')).toBe(records);
    expect(await auditCount(t.deps.db)).toBe(audit);
    const idCall = await driver.call('idCheck');
    expect(idCall.call?.code).toBe(second?.code);
    const agentId = await driver.complete('idCheck', idCall.call?.workflowId ?? '', {
      person: 'agent',
      idNumber: '11010519491231002x',
      name: '赵委托',
    });
    expect(agentId.json()).toMatchObject({ outcome: 'completed', data: { person: 'agent', name: '赵委托' } });

    await driver.drain(['documentReview', 'idCheck'], async () => false);
    const back = await arrive('code', order[0]?.code ?? '');
    expect(back.json()).toMatchObject({ secondVisit: true });
    await driver.drain(stages, async () => false);
    const progress = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/progress`, headers: { cookie: supervisor } })
    ).json();
    expect(progress.batches[0]).toMatchObject({ number: 1, arrived: 12, done: 12 });
  });

  it('passes over a no-show at the first desk without holding 选房, and serves it as soon as it is back', async () => {
    const absentee = batchOf(2)[1] as HouseholdFile;
    await post(`/api/rounds/${roundId}/batches`, supervisor, { number: 2 });
    for (const f of batchOf(2)) await arrive('code', f.code);
    // Called at the first desk, it is not there. A desk's unfinished call is answered again, not skipped.
    const firstCall = await driver.call('documentReview');
    expect((await driver.call('documentReview')).call?.workflowId).toBe(firstCall.call?.workflowId);
    await driver.complete('documentReview', firstCall.call?.workflowId ?? '', {
      presented: ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书'],
    });
    const noShowCall = await driver.call('documentReview');
    expect(noShowCall.call?.code).toBe(absentee.code);
    expect(
      (await post(`/api/workflows/${noShowCall.call?.workflowId}/no-show`, driver.desk('documentReview').cookie))
        .statusCode,
    ).toBe(204);
    let blocked = 0;
    await driver.drain(stages, async () => {
      blocked += 1;
      return false;
    });
    expect(blocked).toBe(0);
    const queue = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie: supervisor } })
    ).json();
    // Nobody else is left to choose: it is no longer passed over but the one the line waits for.
    expect(queue.next).toBeNull();
    expect(queue.notReady).toEqual([expect.objectContaining({ householdId: absentee.id, reason: '叫号未到' })]);
    let progress = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/progress`, headers: { cookie: supervisor } })
    ).json();
    expect(progress.batches[1]).toMatchObject({ number: 2, arrived: 12, done: 11 });
    const selectionQueue = progress.queues.find((q: { stage: string }) => q.stage === 'selection');
    expect(selectionQueue.held).toEqual([expect.objectContaining({ code: absentee.code, reason: '叫号未到' })]);

    expect((await arrive('code', absentee.code)).json()).toMatchObject({ secondVisit: true });
    await driver.drain(stages, async () => false);
    progress = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/progress`, headers: { cookie: supervisor } })
    ).json();
    expect(progress.batches[1]).toMatchObject({ number: 2, arrived: 12, done: 12 });
  });

  it('lets a supervisor reopen a stage with a reason, and the desk does it again', async () => {
    const target = batchOf(1)[5] as HouseholdFile;
    const workflowId = await workflowOf(target.id);
    const desk = driver.desk('documentReview').cookie;
    expect(
      (await post(`/api/workflows/${workflowId}/stages/keyHandover/reopen`, desk, { reason: '钥匙数量登记有误' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/workflows/${workflowId}/stages/keyHandover/reopen`, supervisor, { reason: '钥匙数量登记有误' }))
        .statusCode,
    ).toBe(204);
    const call = await driver.call('keyHandover');
    expect(call.call?.code).toBe(target.code);
    const again = await driver.complete('keyHandover', call.call?.workflowId ?? '', {
      keys: 4,
      accessCards: 2,
      receiptNo: `R2-${target.code}`,
    });
    expect(again.json()).toMatchObject({ outcome: 'completed', data: { keys: 4 } });
    const timeline = (
      await t.app.inject({
        method: 'GET',
        url: `/api/households/${target.id}/timeline`,
        headers: { cookie: supervisor },
      })
    ).json();
    const actions = timeline.map((e: { action: string }) => e.action);
    expect(actions.indexOf('day.arrive')).toBeLessThan(actions.indexOf('stage.reopen'));
    expect(actions.filter((a: string) => a === 'stage.complete')).toHaveLength(7);
  });

  it('finishes the day: every household done, every flat taken exactly once, the audit chain intact', {
    timeout: 240_000,
  }, async () => {
    for (let batch = 3; batch <= 8; batch++) {
      await post(`/api/rounds/${roundId}/batches`, supervisor, { number: batch });
      for (const f of batchOf(batch)) await arrive('code', f.code);
      await driver.drain(stages, async () => false);
    }
    const progress = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/progress`, headers: { cookie: supervisor } })
    ).json();
    expect(progress).toMatchObject({ households: 96, arrived: 96, done: 96, flatsLeft: 0 });
    expect(progress.stages.find((s: { stage: Stage }) => s.stage === 'documentReview')).toMatchObject({
      completed: 96,
      returned: 1,
    });
    const live = await t.deps.db.selectFrom('selections').select('unitId').where('undoneAt', 'is', null).execute();
    expect(live).toHaveLength(96);
    expect(new Set(live.map((s) => s.unitId)).size).toBe(96);
    const allocated = await t.deps.db.selectFrom('units').select('id').where('status', '=', 'allocated').execute();
    expect(allocated).toHaveLength(96);
    expect(await count('agreements')).toBe(96);
    const statuses = await t.deps.db.selectFrom('households').select('status').execute();
    expect(statuses.every((h) => h.status === 'done')).toBe(true);
    const verify = (
      await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: supervisor } })
    ).json();
    expect(verify.ok).toBe(true);
  });
});
