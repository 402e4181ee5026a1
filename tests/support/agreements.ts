import { issueAgreementRecord } from '../../src/agreements/agreement-numbers.js';
import { loadDemo } from '../../src/demo/demo.service.js';
import { systemActor } from '../../src/shared/roles.js';
import type { TestApp } from './test-app.js';

/**
 * The demo project drawn and auto-allocated, with agreements numbered for the first `count`
 * households in order: the state the signing desk leaves behind, without walking every desk.
 */
export async function agreementsFixture(t: TestApp, count: number) {
  const actor = systemActor('fixture');
  const { projectId } = await loadDemo(t.deps, actor);
  const supervisor = await t.loginAs('supervisor');
  const post = (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  const round = (
    await post(`/api/projects/${projectId}/rounds`, { name: '签约', orderMethod: 'lottery', rules })
  ).json();
  await post(`/api/rounds/${round.id}/commitment`);
  await post(`/api/rounds/${round.id}/draw`, { publicValue: '签约日' });
  await post(`/api/rounds/${round.id}/auto-allocate`);
  const queue = await t.deps.db
    .selectFrom('roundHouseholds')
    .select(['householdId'])
    .where('roundId', '=', round.id)
    .orderBy('selectionOrder')
    .limit(count)
    .execute();
  const agreements: { id: string; number: string; householdId: string }[] = [];
  for (const { householdId } of queue) {
    const issued = await t.deps.db.transaction().execute((trx) =>
      issueAgreementRecord(trx, actor, t.deps.clock.now().toISOString(), {
        projectId,
        projectCode: 'FJW',
        roundId: round.id,
        householdId,
      }),
    );
    agreements.push({ ...issued, householdId });
  }
  return { projectId, roundId: round.id as string, supervisor, agreements };
}

export async function headOf(t: TestApp, householdId: string) {
  return t.deps.db
    .selectFrom('householdMembers')
    .select(['name', 'idNumber'])
    .where('householdId', '=', householdId)
    .where('isHead', '=', 1)
    .executeTakeFirstOrThrow();
}
