import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import { unitLabel } from '../buildings/unit-label.js';
import type { DbExecutor } from '../db/create-db.js';
import type { RoundRow, SelectionRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { SettlementRules } from '../projects/project-rules.js';
import type { Actor } from '../shared/roles.js';
import type { RoundHouseholdFacts } from './rounds.repo.js';
import type { RoundUnit } from './selections.repo.js';
import * as selections from './selections.repo.js';
import { settleAreaDifference } from './settlement.js';

export const isPriorityHousehold = (
  h: Pick<RoundHouseholdFacts, 'isElderly' | 'isDisabled'>,
  flags: readonly string[],
): boolean => (flags.includes('elderly') && h.isElderly) || (flags.includes('disabled') && h.isDisabled);

export const labelOf = (unit: RoundUnit): string => unitLabel(unit.buildingName, unit.entranceNumber, unit.room);

/**
 * Takes a flat for a household inside the caller's transaction. The two conditional updates are
 * what keep a flat to one household and a household to its right, even under concurrent desks.
 */
export async function claimFlat(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  round: RoundRow,
  household: RoundHouseholdFacts,
  unit: RoundUnit,
  takenAreasCenti: number[],
  settlementRules: SettlementRules,
): Promise<SelectionRow> {
  const now = deps.clock.now().toISOString();
  if (!(await selections.claimUnit(trx, unit.id, now))) {
    throw new AppError('UNIT_TAKEN', `${labelOf(unit)}已被选定，请选择其他房源`, { field: 'unitId' });
  }
  if (!(await selections.takeFlatRight(trx, household.id))) {
    throw new AppError('RIGHT_USED_UP', `户号 ${household.code} 已选满可选套数`, { field: 'householdId' });
  }
  const settlement = settleAreaDifference(settlementRules, {
    entitledCenti: household.entitledAreaCenti,
    flatAreasCenti: [...takenAreasCenti, unit.buildingAreaCenti],
  });
  const row: SelectionRow = {
    id: randomUUID(),
    roundId: round.id,
    householdId: household.householdId,
    unitId: unit.id,
    settlement: JSON.stringify(settlement),
    selectedAt: now,
    selectedBy: actor.name,
    undoneAt: null,
    undoneBy: null,
    undoReason: null,
  };
  await selections.insertSelection(trx, row);
  await recordAudit(trx, deps.clock, actor, [
    {
      action: 'selection.create',
      entityType: 'household',
      entityId: household.householdId,
      projectId: round.projectId,
      after: {
        selectionId: row.id,
        roundId: round.id,
        unitId: unit.id,
        unit: labelOf(unit),
        buildingAreaCenti: unit.buildingAreaCenti,
        totalFen: settlement.totalFen,
      },
    },
  ]);
  return row;
}
