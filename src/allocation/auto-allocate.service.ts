import { recordAudit } from '../audit/audit.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import { claimFlat, isPriorityHousehold } from './claim.js';
import { bestFit } from './fit.js';
import { lockRound } from './rounds.repo.js';
import { loadRoundState, priorityWaitingCount, type RoundState } from './selection.service.js';
import { liveSelectionsOfRound } from './selections.repo.js';
import { publishTurn } from './turn.service.js';

export interface AutoAllocationReport {
  assigned: number;
  unassigned: { householdId: string; code: string; reason: string }[];
}

/**
 * For projects that assign rather than let people choose: in selection order every household
 * (absent ones too: nobody needs to be present) gets the fitting free flat closest to its entitlement.
 */
export async function autoAllocate(deps: AppDeps, actor: Actor, roundId: string): Promise<AutoAllocationReport> {
  const report = await deps.db.transaction().execute(async (trx) => {
    await lockRound(trx, roundId);
    const state: RoundState = await loadRoundState(trx, roundId);
    if (state.round.status !== 'ordered')
      throw new AppError('CONFLICT', '请先确定选房顺序，再自动分配', { field: 'roundId' });
    const flags = state.rules.priority?.flags ?? [];
    // Absent households are served too; those who gave up (放弃, 货币补偿) are not.
    const queue = state.households
      .filter((h) => h.status !== 'done' && h.status !== 'forfeited' && h.selectionOrder !== null)
      .sort((a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0));
    const free = state.units.filter((u) => u.status === 'available').map((u, rank) => ({ ...u, rank }));
    const result: AutoAllocationReport = { assigned: 0, unassigned: [] };
    const live = await liveSelectionsOfRound(trx, roundId);
    const areaOf = new Map(state.units.map((u) => [u.id, u.buildingAreaCenti]));
    for (const household of queue) {
      // Flats taken at a desk before the run count against the area band and in the settlement.
      const taken = live.filter((s) => s.householdId === household.householdId).map((s) => areaOf.get(s.unitId) ?? 0);
      const takenBefore = taken.length;
      for (let n = household.flatsTaken; n < household.flatsAllowed; n++) {
        const chooser = {
          entitledCenti: household.entitledAreaCenti,
          takenCenti: taken.reduce((a, b) => a + b, 0),
          flatsLeftAfter: household.flatsAllowed - n - 1,
          isPriority: isPriorityHousehold(household, flags),
        };
        const flat = bestFit(state.rules, chooser, free, priorityWaitingCount(state));
        if (!flat) {
          result.unassigned.push({
            householdId: household.householdId,
            code: household.code,
            reason: '没有符合面积范围的空余房源',
          });
          break;
        }
        await claimFlat(trx, deps, actor, state.round, household, flat, taken, state.settlementRules);
        free.splice(free.indexOf(flat), 1);
        taken.push(flat.buildingAreaCenti);
        result.assigned += 1;
      }
      // The in-memory state follows the database so later households see the priority count change.
      const added = taken.length - takenBefore;
      if (added > 0 && household.flatsTaken + added >= household.flatsAllowed) household.status = 'done';
    }
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.auto_allocate',
        entityType: 'round',
        entityId: roundId,
        projectId: state.round.projectId,
        after: result,
      },
    ]);
    return result;
  });
  await publishTurn(deps, roundId);
  return report;
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    autoAllocation: AutoAllocationReport;
  }
}
