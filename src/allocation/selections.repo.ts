import { sql } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';
import type { SelectionRow } from '../db/schema.js';

/** What fitting, listing and printing need of a flat, once its building, entrance and zone are joined. */
const FLAT_COLUMNS = [
  'units.id',
  'zones.name as zoneName',
  'units.floor',
  'units.room',
  'units.layout',
  'units.buildingAreaCenti',
  'units.status',
  'buildings.name as buildingName',
  'entrances.number as entranceNumber',
] as const;

/** Flats of a round with what fitting and listing need. */
export function roundUnits(db: DbExecutor, roundId: string) {
  return db
    .selectFrom('roundUnits')
    .innerJoin('units', 'units.id', 'roundUnits.unitId')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .innerJoin('entrances', 'entrances.id', 'units.entranceId')
    .innerJoin('zones', 'zones.id', 'buildings.zoneId')
    .select(FLAT_COLUMNS)
    .where('roundUnits.roundId', '=', roundId)
    .orderBy('buildings.name')
    .orderBy('entrances.number')
    .orderBy('units.floor')
    .orderBy('units.room')
    .execute();
}

export type RoundUnit = Awaited<ReturnType<typeof roundUnits>>[number];

/** The flats a household holds in a round (live selections), with the same facts as roundUnits. */
export function householdFlats(db: DbExecutor, roundId: string, householdId: string): Promise<RoundUnit[]> {
  return db
    .selectFrom('selections')
    .innerJoin('units', 'units.id', 'selections.unitId')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .innerJoin('entrances', 'entrances.id', 'units.entranceId')
    .innerJoin('zones', 'zones.id', 'buildings.zoneId')
    .select(FLAT_COLUMNS)
    .where('selections.roundId', '=', roundId)
    .where('selections.householdId', '=', householdId)
    .where('selections.undoneAt', 'is', null)
    .orderBy('selections.selectedAt')
    .execute();
}

/** The flat goes from available to allocated only once, whoever asks at the same moment. */
export async function claimUnit(db: DbExecutor, unitId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({ status: 'allocated', updatedAt: now })
    .where('id', '=', unitId)
    .where('status', '=', 'available')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseUnit(db: DbExecutor, unitId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({ status: 'available', updatedAt: now })
    .where('id', '=', unitId)
    .where('status', '=', 'allocated')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a flat against the household's right; refuses when the right is used up. */
export async function takeFlatRight(db: DbExecutor, roundHouseholdId: string): Promise<boolean> {
  const result = await db
    .updateTable('roundHouseholds')
    .set({
      flatsTaken: sql<number>`flats_taken + 1`,
      status: sql<string>`case when flats_taken + 1 >= flats_allowed then 'done' else status end`,
    })
    .where('id', '=', roundHouseholdId)
    .where(sql<boolean>`flats_taken < flats_allowed`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function giveBackFlatRight(db: DbExecutor, roundHouseholdId: string): Promise<void> {
  await db
    .updateTable('roundHouseholds')
    .set({ flatsTaken: sql<number>`flats_taken - 1`, status: 'waiting', returnedInBatch: null })
    .where('id', '=', roundHouseholdId)
    .where('flatsTaken', '>', 0)
    .execute();
}

export async function insertSelection(db: DbExecutor, row: SelectionRow): Promise<void> {
  await db.insertInto('selections').values(row).execute();
}

export function findLiveSelection(db: DbExecutor, id: string): Promise<SelectionRow | undefined> {
  return db.selectFrom('selections').selectAll().where('id', '=', id).where('undoneAt', 'is', null).executeTakeFirst();
}

export async function markSelectionUndone(
  db: DbExecutor,
  id: string,
  by: string,
  at: string,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('selections')
    .set({ undoneAt: at, undoneBy: by, undoReason: reason })
    .where('id', '=', id)
    .where('undoneAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function liveSelectionsOfRound(db: DbExecutor, roundId: string): Promise<SelectionRow[]> {
  return db
    .selectFrom('selections')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('undoneAt', 'is', null)
    .orderBy('selectedAt')
    .execute();
}

export function liveSelectionsOfHousehold(
  db: DbExecutor,
  roundId: string,
  householdId: string,
): Promise<SelectionRow[]> {
  return db
    .selectFrom('selections')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .where('undoneAt', 'is', null)
    .execute();
}
