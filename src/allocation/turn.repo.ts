import type { DbExecutor } from '../db/create-db.js';
import { fromStoredFlag } from '../db/flags.js';
import type { DayPlace } from './queue.js';

/** What the turn needs of the day: the opened batches and each signed-in household's place. */
export async function dayPlaces(
  db: DbExecutor,
  roundId: string,
): Promise<{ openBatches: Set<number>; places: Map<string, DayPlace & { awayStage: string | null }> }> {
  const [batches, workflows] = await Promise.all([
    db.selectFrom('roundBatches').select('number').where('roundId', '=', roundId).execute(),
    db
      .selectFrom('workflows')
      .select(['householdId', 'absent', 'awayReason', 'awayStage', 'nextStage', 'calledStage'])
      .where('roundId', '=', roundId)
      .execute(),
  ]);
  return {
    openBatches: new Set(batches.map((b) => b.number)),
    places: new Map(
      workflows.map((w) => [
        w.householdId,
        {
          absent: fromStoredFlag(w.absent),
          awayReason: w.awayReason,
          awayStage: w.awayStage,
          nextStage: w.nextStage,
          calledStage: w.calledStage,
        },
      ]),
    ),
  };
}
