import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let supervisor: string;
let roundId: string;
let householdIds: string[];

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie = supervisor) => t.app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  supervisor = await t.loginAs('supervisor');
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (await post(`/api/projects/${projectId}/rounds`, { name: '分房日', orderMethod: 'lottery', rules })).json()
    .id;
  await post(`/api/rounds/${roundId}/commitment`);
  await post(`/api/rounds/${roundId}/draw`, { publicValue: '01 02 03' });
  householdIds = (await get(`/api/rounds/${roundId}/queue`))
    .json()
    .waiting.map((w: { householdId: string }) => w.householdId);
});
afterAll(async () => t.close());

// The supervisor's correction page finds a household's workflow by 户号 to reopen one of its stages.
describe('GET /api/rounds/:id/households/:householdId/workflow', () => {
  it('answers the signed-in household with its workflow id and place', async () => {
    const [first] = householdIds;
    const arrival = (
      await post(`/api/rounds/${roundId}/arrivals`, {
        by: 'code',
        value: (await get(`/api/households/${first}`)).json().code,
      })
    ).json();
    const res = await get(`/api/rounds/${roundId}/households/${first}/workflow`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      workflowId: arrival.workflowId,
      position: 1,
      batch: 1,
      absent: false,
      nextStage: 'documentReview',
      calledStage: null,
      doneAt: null,
    });
  });

  it('answers 404 in Chinese for a household that has not signed in, and refuses without a session', async () => {
    const res = await get(`/api/rounds/${roundId}/households/${householdIds[1]}/workflow`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toMatch(/签到记录不存在/);
    expect((await get(`/api/rounds/${roundId}/households/${householdIds[0]}/workflow`, '')).statusCode).toBe(401);
  });
});
