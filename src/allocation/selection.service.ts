import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import type { DbExecutor } from '../db/create-db.js';
import type { RoundRow, SelectionRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { requireProject, toProjectView } from '../projects/projects.service.js';
import { claimFlat, isPriorityHousehold, labelOf } from './claim.js';
import { fitProblem } from './fit.js';
import { nextInLine, returnBatchFor } from './queue.js';
import * as roundsRepo from './rounds.repo.js';
import { requireRound, roundRules } from './rounds.service.js';
import * as selections from './selections.repo.js';
import type { SettlementResult } from './settlement.js';

function requireOrdered(round: RoundRow) {
  if (round.status !== 'ordered') throw new AppError('CONFLICT', '本批次尚未确定选房顺序或已结束，不能选房', { field: 'roundId' });
}

/** Everything a selection decision reads, loaded in the deciding transaction. */
async function loadRoundState(trx: DbExecutor, roundId: string) {
  const round = await requireRound(trx, roundId);
  const [households, units, project] = await Promise.all([
    roundsRepo.roundHouseholdsWithFacts(trx, roundId),
    selections.roundUnits(trx, roundId),
    requireProject(trx, round.projectId),
  ]);
  return { round, rules: roundRules(round), households, units, settlementRules: toProjectView(project).settlementRules };
}

export type RoundState = Awaited<ReturnType<typeof loadRoundState>>;

export function priorityWaitingCount(state: RoundState): number {
  const flags = state.rules.priority?.flags ?? [];
  return state.households.filter((h) => h.status !== 'done' && isPriorityHousehold(h, flags)).length;
}

export interface SelectionResult {
  selectionId: string;
  householdId: string;
  unitId: string;
  unitLabel: string;
  settlement: SettlementResult;
  repeated: boolean;
}

const toResult = (row: SelectionRow, label: string, repeated: boolean): SelectionResult => ({
  selectionId: row.id,
  householdId: row.householdId,
  unitId: row.unitId,
  unitLabel: label,
  settlement: JSON.parse(row.settlement) as SettlementResult,
  repeated,
});

/** The selection decision inside the caller's transaction: the day's selection stage shares it. */
export async function selectInTransaction(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  input: { householdId: string; unitId: string },
): Promise<SelectionResult> {
  // Selections of one round decide one at a time on committed state. Without it, racing requests
  // read the same stale state: a repeat is refused as UNIT_TAKEN instead of answered, and a
  // household allowed two flats takes two at once whose sum lies outside its area band.
  await roundsRepo.lockRound(trx, roundId);
  const state = await loadRoundState(trx, roundId);
  requireOrdered(state.round);
  const me = state.households.find((h) => h.householdId === input.householdId);
  if (!me) throw new AppError('NOT_FOUND', '该户不在本批次名单中', { field: 'householdId' });
  const unit = state.units.find((u) => u.id === input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '该房源不在本批次房源中', { field: 'unitId' });
  const mine = await selections.liveSelectionsOfHousehold(trx, roundId, me.householdId);
  const already = mine.find((s) => s.unitId === unit.id);
  if (already) return toResult(already, labelOf(unit), true);
  if (me.status === 'absent') throw new AppError('CONFLICT', `户号 ${me.code} 已登记为未到场，请先登记到场`, { field: 'householdId' });
  if (me.status === 'done') throw new AppError('RIGHT_USED_UP', `户号 ${me.code} 已选满可选套数`, { field: 'householdId' });
  const next = nextInLine(state.households.map(toQueueEntry));
  if (next?.householdId !== me.householdId) {
    const who = state.households.find((h) => h.householdId === next?.householdId);
    throw new AppError('NOT_YOUR_TURN', `还未轮到户号 ${me.code} 选房，当前应由第 ${who?.selectionOrder ?? '-'} 号（户号 ${who?.code ?? '-'}）选房`, { field: 'householdId' });
  }
  if (unit.status !== 'available') throw new AppError('UNIT_TAKEN', `${labelOf(unit)}已被选定，请选择其他房源`, { field: 'unitId' });
  const takenAreas = mine.map((s) => state.units.find((u) => u.id === s.unitId)?.buildingAreaCenti ?? 0);
  const chooser = {
    entitledCenti: me.entitledAreaCenti,
    takenCenti: takenAreas.reduce((a, b) => a + b, 0),
    flatsLeftAfter: me.flatsAllowed - me.flatsTaken - 1,
    isPriority: isPriorityHousehold(me, state.rules.priority?.flags ?? []),
  };
  const problem = fitProblem(state.rules, chooser, { ...unit, rank: 0 }, priorityWaitingCount(state));
  if (problem) {
    throw new AppError(problem.code === 'RESERVED_FOR_PRIORITY' ? 'RESERVED_FOR_PRIORITY' : 'AREA_OUT_OF_BAND', problem.message, { field: 'unitId' });
  }
  const row = await claimFlat(trx, deps, actor, state.round, me, unit, takenAreas, state.settlementRules);
  return toResult(row, labelOf(unit), false);
}

export async function publishSelection(deps: AppDeps, roundId: string, result: SelectionResult): Promise<void> {
  deps.events.publish({ type: 'unit', roundId, unitId: result.unitId, label: result.unitLabel, status: 'allocated' });
  await publishTurn(deps, roundId);
}

export async function selectUnit(deps: AppDeps, actor: Actor, roundId: string, input: { householdId: string; unitId: string }): Promise<SelectionResult> {
  const result = await deps.db.transaction().execute((trx) => selectInTransaction(trx, deps, actor, roundId, input));
  if (!result.repeated) await publishSelection(deps, roundId, result);
  return result;
}

export const toQueueEntry = (h: RoundState['households'][number]) => ({
  householdId: h.householdId,
  selectionOrder: h.selectionOrder ?? Number.MAX_SAFE_INTEGER,
  batch: h.batch ?? Number.MAX_SAFE_INTEGER,
  status: h.status,
  returnedInBatch: h.returnedInBatch,
});

export async function publishTurn(deps: AppDeps, roundId: string): Promise<void> {
  const households = await roundsRepo.roundHouseholdsWithFacts(deps.db, roundId);
  const next = nextInLine(households.map(toQueueEntry));
  const who = households.find((h) => h.householdId === next?.householdId);
  deps.events.publish({ type: 'turn', roundId, position: who?.selectionOrder ?? null, householdCode: who?.code ?? null, batch: who?.batch ?? null });
}

/** A supervisor's correction: the flat returns to the pool, the household to the queue. */
export async function undoSelection(deps: AppDeps, actor: Actor, selectionId: string, reason: string): Promise<void> {
  const undone = await deps.db.transaction().execute(async (trx) => {
    const row = await selections.findLiveSelection(trx, selectionId);
    if (!row) throw notFound('有效的选房记录', 'selectionId');
    const round = await requireRound(trx, row.roundId);
    const member = await roundsRepo.findRoundHousehold(trx, row.roundId, row.householdId);
    const now = deps.clock.now().toISOString();
    if (!member || !(await selections.markSelectionUndone(trx, selectionId, actor.name, now, reason))) {
      throw new AppError('CONFLICT', '该选房记录已被撤销', { field: 'selectionId' });
    }
    await selections.releaseUnit(trx, row.unitId, now);
    await selections.giveBackFlatRight(trx, member.id);
    const unit = (await selections.roundUnits(trx, row.roundId)).find((u) => u.id === row.unitId);
    const label = unit ? labelOf(unit) : '';
    await recordAudit(trx, deps.clock, actor, [
      { action: 'selection.undo', entityType: 'household', entityId: row.householdId, projectId: round.projectId, before: { selectionId, unitId: row.unitId, unit: label }, after: { reason } },
    ]);
    return { ...row, label };
  });
  deps.events.publish({ type: 'unit', roundId: undone.roundId, unitId: undone.unitId, label: undone.label, status: 'available' });
  await publishTurn(deps, undone.roundId);
}

/** Absent households keep their right; on return they pick after the batch being served. */
export async function setPresence(deps: AppDeps, actor: Actor, roundId: string, householdId: string, present: boolean): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const state = await loadRoundState(trx, roundId);
    requireOrdered(state.round);
    const me = state.households.find((h) => h.householdId === householdId);
    if (!me) throw new AppError('NOT_FOUND', '该户不在本批次名单中', { field: 'householdId' });
    const [from, to] = present ? ['absent', 'waiting'] : ['waiting', 'absent'];
    const returnBatch = present ? returnBatchFor(state.households.map(toQueueEntry), toQueueEntry(me)) : null;
    if (!(await roundsRepo.setRoundHouseholdPresence(trx, me.id, from, to, returnBatch))) {
      throw new AppError('CONFLICT', present ? `户号 ${me.code} 未被登记为未到场` : `户号 ${me.code} 当前不在等候选房`, { field: 'householdId' });
    }
    await recordAudit(trx, deps.clock, actor, [
      { action: present ? 'round.household_returned' : 'round.household_absent', entityType: 'household', entityId: householdId, projectId: state.round.projectId, before: { status: from }, after: { status: to, returnedInBatch: returnBatch, roundId } },
    ]);
  });
  await publishTurn(deps, roundId);
}

export { loadRoundState };
