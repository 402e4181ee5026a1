import type { DbExecutor } from '../db/create-db.js';
import type { BuildingRow, NewUnit } from '../db/schema.js';

export function findZone(db: DbExecutor, projectId: string, name: string) {
  return db
    .selectFrom('zones')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertZone(
  db: DbExecutor,
  row: { id: string; projectId: string; name: string; createdAt: string },
) {
  await db.insertInto('zones').values(row).execute();
}

export function findBuildingInZone(db: DbExecutor, zoneId: string, name: string): Promise<BuildingRow | undefined> {
  return db
    .selectFrom('buildings')
    .selectAll()
    .where('zoneId', '=', zoneId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertBuilding(db: DbExecutor, row: BuildingRow): Promise<void> {
  await db.insertInto('buildings').values(row).execute();
}

export async function insertEntrances(db: DbExecutor, rows: { id: string; buildingId: string; number: number }[]) {
  if (rows.length > 0) await db.insertInto('entrances').values(rows).execute();
}

/** Buildings of a project with their zone, entrances and flat totals, for listings and import lookups. */
export function listBuildingsWithStats(db: DbExecutor, projectId: string) {
  return db
    .selectFrom('buildings')
    .innerJoin('zones', 'zones.id', 'buildings.zoneId')
    .select((eb) => [
      'buildings.id',
      'buildings.name',
      'buildings.floorsAbove',
      'buildings.floorsBelow',
      'buildings.totalAreaCenti',
      'zones.name as zoneName',
      eb
        .selectFrom('entrances')
        .whereRef('entrances.buildingId', '=', 'buildings.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('entranceCount'),
      eb
        .selectFrom('units')
        .whereRef('units.buildingId', '=', 'buildings.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('unitCount'),
      eb
        .selectFrom('units')
        .whereRef('units.buildingId', '=', 'buildings.id')
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('units.buildingAreaCenti'), sub.lit(0)).as('s'))
        .as('unitAreaCenti'),
    ])
    .where('buildings.projectId', '=', projectId)
    .orderBy('zones.name')
    .orderBy('buildings.name')
    .execute();
}

export function listEntrancesOfProject(db: DbExecutor, projectId: string) {
  return db
    .selectFrom('entrances')
    .innerJoin('buildings', 'buildings.id', 'entrances.buildingId')
    .select(['entrances.id', 'entrances.buildingId', 'entrances.number'])
    .where('buildings.projectId', '=', projectId)
    .execute();
}

export interface UnitFilter {
  buildingId?: string | undefined;
  status?: string | undefined;
}

export function listUnits(db: DbExecutor, projectId: string, filter: UnitFilter = {}) {
  let query = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .innerJoin('zones', 'zones.id', 'buildings.zoneId')
    .innerJoin('entrances', 'entrances.id', 'units.entranceId')
    .select([
      'units.id',
      'units.buildingId',
      'units.floor',
      'units.room',
      'units.layout',
      'units.buildingAreaCenti',
      'units.status',
      'buildings.name as buildingName',
      'zones.name as zoneName',
      'entrances.number as entranceNumber',
    ])
    .where('units.projectId', '=', projectId);
  if (filter.buildingId) query = query.where('units.buildingId', '=', filter.buildingId);
  if (filter.status) query = query.where('units.status', '=', filter.status);
  return query
    .orderBy('zones.name')
    .orderBy('buildings.name')
    .orderBy('entrances.number')
    .orderBy('units.floor')
    .orderBy('units.room')
    .execute();
}

export async function insertUnits(db: DbExecutor, rows: NewUnit[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('units')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** "entranceId/room" for every flat of a project: the identity import checks against. */
export async function existingRoomKeys(db: DbExecutor, projectId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('units').select(['entranceId', 'room']).where('projectId', '=', projectId).execute();
  return new Set(rows.map((r) => `${r.entranceId}/${r.room}`));
}
