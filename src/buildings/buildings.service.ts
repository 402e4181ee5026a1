import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { BuildingRow, UnitDraft } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireProject } from '../projects/projects.service.js';
import { formatCenti } from '../shared/area.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './buildings.repo.js';
import { unitFacts } from './unit-facts.js';

export interface BuildingInput {
  zone: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  totalAreaCenti: number;
  entrances: number;
}

export async function createBuilding(deps: AppDeps, actor: Actor, projectId: string, input: BuildingInput) {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await requireProject(trx, projectId);
    let zone = await repo.findZone(trx, projectId, input.zone);
    if (!zone) {
      zone = { id: randomUUID(), projectId, name: input.zone, createdAt: now };
      await repo.insertZone(trx, zone);
    }
    if (await repo.findBuildingInZone(trx, zone.id, input.name)) {
      throw new AppError('DUPLICATE', `${input.zone}已有“${input.name}”`, { field: 'name' });
    }
    const building: BuildingRow = {
      id: randomUUID(),
      projectId,
      zoneId: zone.id,
      name: input.name,
      floorsAbove: input.floorsAbove,
      floorsBelow: input.floorsBelow,
      totalAreaCenti: input.totalAreaCenti,
      createdAt: now,
    };
    await repo.insertBuilding(trx, building);
    const entrances = Array.from({ length: input.entrances }, (_, i) => ({
      id: randomUUID(),
      buildingId: building.id,
      number: i + 1,
    }));
    await repo.insertEntrances(trx, entrances);
    const view = { ...building, zoneName: zone.name, entranceCount: entrances.length };
    await recordAudit(trx, deps.clock, actor, [
      { action: 'building.create', entityType: 'building', entityId: building.id, projectId, after: view },
    ]);
    return toBuildingView({ ...view, unitCount: 0, unitAreaCenti: 0 });
  });
}

interface BuildingStats {
  id: string;
  name: string;
  zoneName: string;
  floorsAbove: number;
  floorsBelow: number;
  totalAreaCenti: number;
  entranceCount: number | string | null;
  unitCount: number | string | null;
  unitAreaCenti: number | string | null;
}

const toBuildingView = (b: BuildingStats) => ({
  id: b.id,
  zone: b.zoneName,
  name: b.name,
  floorsAbove: b.floorsAbove,
  floorsBelow: b.floorsBelow,
  totalArea: formatCenti(b.totalAreaCenti),
  entrances: Number(b.entranceCount ?? 0),
  unitCount: Number(b.unitCount ?? 0),
  unitArea: formatCenti(Number(b.unitAreaCenti ?? 0)),
});

export async function listBuildings(deps: AppDeps, projectId: string) {
  await requireProject(deps.db, projectId);
  return (await repo.listBuildingsWithStats(deps.db, projectId)).map(toBuildingView);
}

export async function listUnits(deps: AppDeps, projectId: string, filter: repo.UnitFilter) {
  await requireProject(deps.db, projectId);
  return (await repo.listUnits(deps.db, projectId, filter)).map((u) => ({
    id: u.id,
    buildingId: u.buildingId,
    ...unitFacts(u),
  }));
}

/** Inserts validated flats and their audit rows in the caller's transaction. */
export async function insertUnitDrafts(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  drafts: UnitDraft[],
) {
  const now = deps.clock.now().toISOString();
  const units = drafts.map((u) => ({ ...u, id: randomUUID(), projectId, createdAt: now, updatedAt: now }));
  await repo.insertUnits(trx, units);
  await recordAudit(
    trx,
    deps.clock,
    actor,
    units.map((u) => ({ action: 'unit.create', entityType: 'unit', entityId: u.id, projectId, after: u })),
  );
  return units;
}
