import type { DbExecutor } from '../db/create-db.js';
import type { ForfeitRow } from '../db/schema.js';

/** The 放弃 records of a round still in force (not reinstated). */
export function liveForfeitsOfRound(db: DbExecutor, roundId: string): Promise<ForfeitRow[]> {
  return db
    .selectFrom('forfeits')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('reinstatedAt', 'is', null)
    .orderBy('recordedAt')
    .execute();
}

export function liveForfeitOf(db: DbExecutor, roundId: string, householdId: string): Promise<ForfeitRow | undefined> {
  return db
    .selectFrom('forfeits')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .where('reinstatedAt', 'is', null)
    .executeTakeFirst();
}

export function findForfeit(db: DbExecutor, id: string): Promise<ForfeitRow | undefined> {
  return db.selectFrom('forfeits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertForfeits(db: DbExecutor, rows: ForfeitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('forfeits')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function markReinstated(
  db: DbExecutor,
  id: string,
  by: string,
  at: string,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('forfeits')
    .set({ reinstatedAt: at, reinstatedBy: by, reinstateReason: reason })
    .where('id', '=', id)
    .where('reinstatedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function attachStatement(db: DbExecutor, id: string, documentId: string): Promise<void> {
  await db.updateTable('forfeits').set({ statementDocumentId: documentId }).where('id', '=', id).execute();
}
