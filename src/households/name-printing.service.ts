/**
 * Which households have a name that no font of the papers can print: for the supervisor right
 * after an import or a correction, before the day, so the office can confirm each character with
 * the household instead of finding out at the signing desk.
 */
import type { AppDeps } from '../deps.js';
import { canPrintCodePoint } from '../pdf/fonts.js';
import { requireProject } from '../projects/projects.service.js';
import { AT_IMPORT, unprintableNameWarnings } from '../shared/printable-text.js';
import * as repo from './households.repo.js';

export interface HouseholdNameWarnings {
  householdId: string;
  code: string;
  warnings: string[];
}

export async function unprintableNamesOfProject(deps: AppDeps, projectId: string): Promise<HouseholdNameWarnings[]> {
  await requireProject(deps.db, projectId);
  const rows = await repo.projectMemberNames(deps.db, projectId);
  const found: HouseholdNameWarnings[] = [];
  for (const row of rows) {
    const warnings = unprintableNameWarnings(
      [{ role: row.isHead ? '户主' : '家庭成员', name: row.name }],
      canPrintCodePoint,
      AT_IMPORT,
    );
    if (warnings.length === 0) continue;
    const last = found.at(-1);
    if (last?.householdId === row.householdId) last.warnings.push(...warnings);
    else found.push({ householdId: row.householdId, code: row.code, warnings });
  }
  return found;
}
