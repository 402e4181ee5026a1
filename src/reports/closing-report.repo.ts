import type { DbExecutor } from '../db/create-db.js';
import type { RoundDayCounts } from './render-closing-report.js';

type Counted = Exclude<keyof RoundDayCounts, 'roundId' | 'roundName' | 'status'>;

/** The project's rounds with what happened in [fromIso, toIso); rounds with nothing that day keep zeros. */
export async function roundDayCounts(
  db: DbExecutor,
  projectId: string,
  fromIso: string,
  toIso: string,
): Promise<RoundDayCounts[]> {
  const rounds = await db
    .selectFrom('allocationRounds')
    .select(['id', 'name', 'status'])
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const result = new Map<string, RoundDayCounts>(
    rounds.map((r) => [
      r.id,
      {
        roundId: r.id,
        roundName: r.name,
        status: r.status,
        arrivals: 0,
        stagesDone: 0,
        selections: 0,
        undos: 0,
        agreementsIssued: 0,
        agreementsVoided: 0,
        forfeits: 0,
      },
    ]),
  );
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const put = (field: Counted, rows: { roundId: string; n: number | string | bigint }[]) => {
    for (const row of rows) {
      const entry = result.get(row.roundId);
      if (entry) entry[field] = Number(row.n);
    }
  };

  put(
    'arrivals',
    await db
      .selectFrom('workflows')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('arrivedAt', '>=', fromIso)
      .where('arrivedAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  put(
    'stagesDone',
    await db
      .selectFrom('stageRecords')
      .innerJoin('workflows', 'workflows.id', 'stageRecords.workflowId')
      .select((eb) => ['workflows.roundId', eb.fn.countAll<number>().as('n')])
      .where('workflows.roundId', 'in', ids)
      .where('stageRecords.outcome', '=', 'completed')
      .where('stageRecords.at', '>=', fromIso)
      .where('stageRecords.at', '<', toIso)
      .groupBy('workflows.roundId')
      .execute(),
  );
  put(
    'selections',
    await db
      .selectFrom('selections')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('selectedAt', '>=', fromIso)
      .where('selectedAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  put(
    'undos',
    await db
      .selectFrom('selections')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('undoneAt', '>=', fromIso)
      .where('undoneAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  put(
    'agreementsIssued',
    await db
      .selectFrom('agreements')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('signedAt', '>=', fromIso)
      .where('signedAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  put(
    'agreementsVoided',
    await db
      .selectFrom('agreements')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('voidedAt', '>=', fromIso)
      .where('voidedAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  put(
    'forfeits',
    await db
      .selectFrom('forfeits')
      .select((eb) => ['roundId', eb.fn.countAll<number>().as('n')])
      .where('roundId', 'in', ids)
      .where('recordedAt', '>=', fromIso)
      .where('recordedAt', '<', toIso)
      .groupBy('roundId')
      .execute(),
  );
  return [...result.values()];
}
