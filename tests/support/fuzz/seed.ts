import { agreementsFixture } from '../agreements.js';
import type { RealValues } from './from-schema.js';
import type { FuzzApp } from './fuzz-app.js';

/**
 * Real data for the fuzz to aim at: the demo project drawn and allocated, three numbered
 * agreements, batch 1 open with three households arrived, so ids in paths can hit real rows.
 */
export async function seedRealValues(t: FuzzApp): Promise<RealValues> {
  const { roundId, supervisor, agreements } = await agreementsFixture(t, 3);
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, payload });
  const opened = await post(`/api/rounds/${roundId}/batches`, { number: 1 });
  if (opened.statusCode !== 200) throw new Error(`batch not opened: ${opened.body}`);
  const first = await t.deps.db
    .selectFrom('roundHouseholds')
    .innerJoin('households', 'households.id', 'roundHouseholds.householdId')
    .select('households.code')
    .where('roundId', '=', roundId)
    .orderBy('selectionOrder')
    .limit(3)
    .execute();
  for (const { code } of first) {
    const arrived = await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: code });
    if (arrived.statusCode >= 300) throw new Error(`arrival refused: ${arrived.body}`);
  }
  const ids = async (
    table: 'projects' | 'households' | 'units' | 'allocationRounds' | 'selections' | 'workflows' | 'staff',
  ) => (await t.deps.db.selectFrom(table).select('id').limit(8).execute()).map((r) => r.id);
  const codes = (await t.deps.db.selectFrom('households').select('code').limit(8).execute()).map((r) => r.code);
  return {
    project: await ids('projects'),
    household: await ids('households'),
    unit: await ids('units'),
    round: await ids('allocationRounds'),
    selection: await ids('selections'),
    workflow: await ids('workflows'),
    staff: await ids('staff'),
    agreement: agreements.map((a) => a.id),
    agreementNumber: agreements.map((a) => a.number),
    householdCode: codes,
  };
}
