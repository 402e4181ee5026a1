import * as buildingsRepo from '../buildings/buildings.repo.js';
import type { AppDeps } from '../deps.js';
import { groupMembers } from '../households/household-view.js';
import * as householdsRepo from '../households/households.repo.js';
import { requireProject } from '../projects/projects.service.js';
import { formatCenti } from '../shared/area.js';
import { formatShanghai } from '../shared/time.js';
import { householdColumns } from './household-sheet.js';
import { unitColumns } from './unit-sheet.js';
import { type ExportCell, writeXlsx } from './xlsx-writer.js';

const yes = (flag: boolean): string => (flag ? '是' : '');

/** The same columns the import reads, one row per person, so the file can be corrected and re-imported. */
export async function exportHouseholds(deps: AppDeps, projectId: string): Promise<Buffer> {
  await requireProject(deps.db, projectId);
  const households = await householdsRepo.listProjectHouseholds(deps.db, projectId);
  const members = groupMembers(
    await householdsRepo.membersOf(
      deps.db,
      households.map((h) => h.id),
    ),
  );
  const rows: ExportCell[][] = [];
  for (const h of households) {
    for (const m of members.get(h.id) ?? []) {
      rows.push([
        h.code,
        m.name,
        m.relation,
        m.idNumber,
        m.phone ?? (m.isHead ? h.phone : null),
        formatCenti(h.demolishedAreaCenti),
        formatCenti(h.entitledAreaCenti),
        h.compensationAgreementNo,
        h.compensationSignedAt ? formatShanghai(h.compensationSignedAt) : null,
        h.transitionStartDate,
        yes(h.isElderly),
        yes(h.isDisabled),
        yes(h.isLowIncome),
        h.notes,
      ]);
    }
  }
  return writeXlsx(
    '安置户',
    householdColumns.map((c) => c.label),
    rows,
  );
}

export async function exportUnits(deps: AppDeps, projectId: string): Promise<Buffer> {
  await requireProject(deps.db, projectId);
  const units = await buildingsRepo.listUnits(deps.db, projectId);
  const rows: ExportCell[][] = units.map((u) => [
    u.zoneName,
    u.buildingName,
    u.entranceNumber,
    u.floor,
    u.room,
    u.layout,
    formatCenti(u.buildingAreaCenti),
  ]);
  return writeXlsx(
    '房源',
    unitColumns.map((c) => c.label),
    rows,
  );
}
