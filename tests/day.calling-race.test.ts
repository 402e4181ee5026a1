import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let roundId: string;
const desks: string[] = [];

const post = (url: string, cookie: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  const supervisor = await t.loginAs('supervisor');
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (
    await post(`/api/projects/${projectId}/rounds`, supervisor, { name: '叫号', orderMethod: 'lottery', rules })
  ).json().id;
  await post(`/api/rounds/${roundId}/commitment`, supervisor);
  await post(`/api/rounds/${roundId}/draw`, supervisor, { publicValue: '叫号' });
  await post(`/api/rounds/${roundId}/batches`, supervisor, { number: 1 });
  const queue = await t.deps.db
    .selectFrom('roundHouseholds')
    .innerJoin('households', 'households.id', 'roundHouseholds.householdId')
    .select('households.code')
    .where('roundId', '=', roundId)
    .orderBy('selectionOrder')
    .limit(12)
    .execute();
  for (let i = 1; i <= 8; i += 1) {
    const cookie = await t.loginAs('reviewer', `review-${i}`);
    expect(
      (await post('/api/desks/sign-in', cookie, { projectId, deskNumber: `${i}号窗口`, stage: 'documentReview' }))
        .statusCode,
    ).toBe(200);
    desks.push(cookie);
  }
  for (const { code } of queue)
    expect(
      (await post(`/api/rounds/${roundId}/arrivals`, desks[0] as string, { by: 'code', value: code })).statusCode,
    ).toBe(200);
});
afterAll(async () => t.close());

describe('叫号 at eight desks of one stage at once', () => {
  it('gives every desk its own household, none a conflict to retry', async () => {
    const answers = await Promise.all(desks.map((cookie) => post(`/api/rounds/${roundId}/calls`, cookie)));
    expect(answers.map((a) => a.statusCode)).toEqual(desks.map(() => 200));
    const called = answers.map((a) => a.json<{ householdId: string }>().householdId);
    expect(new Set(called).size).toBe(8);
    const claimed = await t.deps.db
      .selectFrom('workflows')
      .select('calledDesk')
      .where('roundId', '=', roundId)
      .where('calledStage', '=', 'documentReview')
      .execute();
    expect(new Set(claimed.map((w) => w.calledDesk)).size).toBe(8);
  });
});
