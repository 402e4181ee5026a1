import type { DbExecutor } from '../db/create-db.js';
import { fromStoredFlag } from '../db/flags.js';
import type { RoundHouseholdRow, RoundRow } from '../db/schema.js';

export function findRound(db: DbExecutor, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('allocationRounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRounds(db: DbExecutor, projectId: string): Promise<RoundRow[]> {
  return db
    .selectFrom('allocationRounds')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .execute();
}

export async function insertRound(db: DbExecutor, row: RoundRow): Promise<void> {
  await db.insertInto('allocationRounds').values(row).execute();
}

/** Moves a round on only from the status the caller saw: a second, racing request changes nothing. */
export async function advanceRound(
  db: DbExecutor,
  id: string,
  fromStatus: string,
  changes: Partial<RoundRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('allocationRounds')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Holds the round's row until the transaction ends (a no-op write, so portable): the selections of
 * one round then decide one after another, each reading what the one before it committed.
 */
export async function lockRound(db: DbExecutor, id: string): Promise<void> {
  await db
    .updateTable('allocationRounds')
    .set((eb) => ({ updatedAt: eb.ref('updatedAt') }))
    .where('id', '=', id)
    .execute();
}

export async function replaceRoundHouseholds(
  db: DbExecutor,
  roundId: string,
  rows: { id: string; householdId: string; flatsAllowed: number }[],
) {
  await db.deleteFrom('roundHouseholds').where('roundId', '=', roundId).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('roundHouseholds')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, roundId })))
      .execute();
  }
}

export async function replaceRoundUnits(db: DbExecutor, roundId: string, unitIds: string[]) {
  await db.deleteFrom('roundUnits').where('roundId', '=', roundId).execute();
  for (let i = 0; i < unitIds.length; i += 500) {
    await db
      .insertInto('roundUnits')
      .values(unitIds.slice(i, i + 500).map((unitId) => ({ roundId, unitId })))
      .execute();
  }
}

/** The round's households with what ordering, queueing and notices need of each. */
export async function roundHouseholdsWithFacts(db: DbExecutor, roundId: string) {
  const rows = await db
    .selectFrom('roundHouseholds')
    .innerJoin('households', 'households.id', 'roundHouseholds.householdId')
    .leftJoin('householdMembers', (join) =>
      join.onRef('householdMembers.householdId', '=', 'households.id').on('householdMembers.isHead', '=', 1),
    )
    .select([
      'roundHouseholds.id',
      'roundHouseholds.householdId',
      'roundHouseholds.selectionOrder',
      'roundHouseholds.batch',
      'roundHouseholds.flatsAllowed',
      'roundHouseholds.flatsTaken',
      'roundHouseholds.status',
      'roundHouseholds.returnedInBatch',
      'households.code',
      'households.entitledAreaCenti',
      'households.compensationSignedAt',
      'households.isElderly',
      'households.isDisabled',
      'householdMembers.name as headName',
    ])
    .where('roundHouseholds.roundId', '=', roundId)
    .orderBy('households.code')
    .execute();
  return rows.map((row) => ({
    ...row,
    isElderly: fromStoredFlag(row.isElderly),
    isDisabled: fromStoredFlag(row.isDisabled),
  }));
}

export type RoundHouseholdFacts = Awaited<ReturnType<typeof roundHouseholdsWithFacts>>[number];

export async function setSelectionOrder(db: DbExecutor, rows: { id: string; selectionOrder: number; batch: number }[]) {
  for (const row of rows) {
    await db
      .updateTable('roundHouseholds')
      .set({ selectionOrder: row.selectionOrder, batch: row.batch })
      .where('id', '=', row.id)
      .execute();
  }
}

export function findRoundHousehold(
  db: DbExecutor,
  roundId: string,
  householdId: string,
): Promise<RoundHouseholdRow | undefined> {
  return db
    .selectFrom('roundHouseholds')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .executeTakeFirst();
}

export async function setRoundHouseholdPresence(
  db: DbExecutor,
  id: string,
  fromStatus: string,
  status: string,
  returnedInBatch: number | null,
) {
  const result = await db
    .updateTable('roundHouseholds')
    .set({ status, returnedInBatch })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countRoundMembers(
  db: DbExecutor,
  roundId: string,
): Promise<{ households: number; units: number }> {
  const [households, units] = await Promise.all([
    db
      .selectFrom('roundHouseholds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roundId', '=', roundId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('roundUnits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roundId', '=', roundId)
      .executeTakeFirstOrThrow(),
  ]);
  return { households: Number(households.n), units: Number(units.n) };
}
