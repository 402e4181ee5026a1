import type { DbExecutor } from '../db/create-db.js';
import type { RoundRow, SelectionRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireProject, toProjectView } from '../projects/projects.service.js';
import type { Actor } from '../shared/roles.js';
import { claimFlat, isPriorityHousehold, labelOf } from './claim.js';
import { fitProblem } from './fit.js';
import { mayChooseNow } from './queue.js';
import * as roundsRepo from './rounds.repo.js';
import { requireRound, roundRules } from './rounds.service.js';
import * as selections from './selections.repo.js';
import type { SettlementResult } from './settlement.js';
import { loadTurn, publishTurn, turnDayOf } from './turn.service.js';

function requireOrdered(round: RoundRow) {
  if (round.status !== 'ordered')
    throw new AppError('CONFLICT', '本轮尚未确定选房顺序或已结束，不能选房', { field: 'roundId' });
}

/** Everything a selection decision reads, loaded in the deciding transaction. */
async function loadRoundState(trx: DbExecutor, roundId: string) {
  const round = await requireRound(trx, roundId);
  const [households, units, project] = await Promise.all([
    roundsRepo.roundHouseholdsWithFacts(trx, roundId),
    selections.roundUnits(trx, roundId),
    requireProject(trx, round.projectId),
  ]);
  return {
    round,
    rules: roundRules(round),
    households,
    units,
    settlementRules: toProjectView(project).settlementRules,
  };
}

export type RoundState = Awaited<ReturnType<typeof loadRoundState>>;

export function priorityWaitingCount(state: RoundState): number {
  const flags = state.rules.priority?.flags ?? [];
  return state.households.filter(
    (h) => h.status !== 'done' && h.status !== 'forfeited' && isPriorityHousehold(h, flags),
  ).length;
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
  if (!me) throw new AppError('NOT_FOUND', '该户不在本轮名单中', { field: 'householdId' });
  const unit = state.units.find((u) => u.id === input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', '该房源不在本轮房源中', { field: 'unitId' });
  const mine = await selections.liveSelectionsOfHousehold(trx, roundId, me.householdId);
  const already = mine.find((s) => s.unitId === unit.id);
  if (already) return toResult(already, labelOf(unit), true);
  if (me.status === 'absent')
    throw new AppError('CONFLICT', `户号 ${me.code} 已登记为未到场，请先登记到场`, { field: 'householdId' });
  if (me.status === 'done')
    throw new AppError('RIGHT_USED_UP', `户号 ${me.code} 已选满可选套数`, { field: 'householdId' });
  if (me.status === 'forfeited')
    throw new AppError('FORFEITED', `户号 ${me.code} 已放弃选房，如需选房请先恢复选房资格`, { field: 'householdId' });
  const turn = await loadTurn(trx, roundId, state.households);
  if (!mayChooseNow(turn, me.householdId)) {
    const who = turn.next;
    throw new AppError(
      'NOT_YOUR_TURN',
      who
        ? `还未轮到户号 ${me.code} 选房，当前应由第 ${who.selectionOrder} 号（户号 ${who.code}）选房`
        : `户号 ${me.code} 尚未到选房窗口，请先办完前序事项`,
      { field: 'householdId' },
    );
  }
  if (unit.status !== 'available')
    throw new AppError('UNIT_TAKEN', `${labelOf(unit)}已被选定，请选择其他房源`, { field: 'unitId' });
  const takenAreas = mine.map((s) => state.units.find((u) => u.id === s.unitId)?.buildingAreaCenti ?? 0);
  const chooser = {
    entitledCenti: me.entitledAreaCenti,
    takenCenti: takenAreas.reduce((a, b) => a + b, 0),
    flatsLeftAfter: me.flatsAllowed - me.flatsTaken - 1,
    isPriority: isPriorityHousehold(me, state.rules.priority?.flags ?? []),
  };
  const problem = fitProblem(state.rules, chooser, { ...unit, rank: 0 }, priorityWaitingCount(state));
  if (problem) {
    throw new AppError(
      problem.code === 'RESERVED_FOR_PRIORITY' ? 'RESERVED_FOR_PRIORITY' : 'AREA_OUT_OF_BAND',
      problem.message,
      { field: 'unitId' },
    );
  }
  const row = await claimFlat(trx, deps, actor, state.round, me, unit, takenAreas, state.settlementRules);
  return toResult(row, labelOf(unit), false);
}

export async function publishSelection(deps: AppDeps, roundId: string, result: SelectionResult): Promise<void> {
  deps.events.publish({ type: 'unit', roundId, unitId: result.unitId, label: result.unitLabel, status: 'allocated' });
  await publishTurn(deps, roundId);
}

export async function selectUnit(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  input: { householdId: string; unitId: string },
): Promise<SelectionResult> {
  const result = await deps.db.transaction().execute(async (trx) => {
    // A household signed in at the desks chooses at the 选房 desk: a choice made here would leave its day waiting for 选房.
    if ((await turnDayOf(trx, roundId))?.places.has(input.householdId)) {
      throw new AppError('CONFLICT', '该户已在现场签到办理，请在选房窗口叫号后办理选房', { field: 'householdId' });
    }
    return selectInTransaction(trx, deps, actor, roundId, input);
  });
  if (!result.repeated) await publishSelection(deps, roundId, result);
  return result;
}

export { loadRoundState };
