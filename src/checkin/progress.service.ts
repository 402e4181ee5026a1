import { liveAgreementOf } from '../agreements/agreements.repo.js';
import { labelOf } from '../allocation/claim.js';
import { householdFlats, liveSelectionsOfHousehold, roundUnits } from '../allocation/selections.repo.js';
import { loadTurn } from '../allocation/turn.service.js';
import { listAudit } from '../audit/audit.service.js';
import type { AppDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { maskIdNumbersIn, seesFullIdNumbers } from '../shared/masking.js';
import type { Actor } from '../shared/roles.js';
import { findWorkflowOf } from './checkin.repo.js';
import { loadDay } from './day.service.js';
import { completionHistory, stageStats } from './day-state.js';
import { stageQueues } from './stage-queues.js';
import { stageTable } from './stages.js';

/** The supervisor's picture of the day: per stage, per batch, who holds each queue and why, who waits longest, flats left. */
export async function dayProgress(deps: AppDeps, roundId: string) {
  const [day, units, turn] = await Promise.all([
    loadDay(deps.db, roundId),
    roundUnits(deps.db, roundId),
    loadTurn(deps.db, roundId),
  ]);
  const now = deps.clock.now().getTime();
  const names = new Map(day.households.map((h) => [h.householdId, h]));
  const batches = [...new Set(day.households.map((h) => h.batch).filter((b): b is number => b !== null))].sort(
    (a, b) => a - b,
  );
  return {
    roundId,
    households: day.households.length,
    arrived: day.workflows.length,
    done: day.entries.filter((e) => e.next === null).length,
    absent: day.entries.filter((e) => e.workflow.absent).length,
    forfeited: day.forfeited.size,
    queues: stageQueues(day, turn),
    stages: stageStats(day.entries, day.records).map((s) => ({ ...s, label: stageTable[s.stage].label })),
    batches: batches.map((number) => {
      const mine = day.entries.filter((e) => e.workflow.batch === number);
      return {
        number,
        open: day.openBatches.has(number),
        households: day.households.filter((h) => h.batch === number).length,
        arrived: mine.length,
        done: mine.filter((e) => e.next === null).length,
      };
    }),
    longestWaiting: day.entries
      .filter(
        (e) =>
          e.next !== null &&
          !e.workflow.absent &&
          e.workflow.calledStage === null &&
          day.openBatches.has(e.workflow.batch),
      )
      .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince))
      .slice(0, 5)
      .map((e) => ({
        workflowId: e.workflow.id,
        code: names.get(e.workflow.householdId)?.code ?? '',
        position: e.workflow.position,
        waitingFor: e.next ? stageTable[e.next].label : '',
        minutes: Math.round((now - Date.parse(e.waitingSince)) / 60_000),
      })),
    flatsLeft: units.filter((u) => u.status === 'available').length,
    history: completionHistory(day.records),
  };
}

/**
 * Everything that happened to a household, in order, read back from the audit trail. The rows
 * quote members' ID numbers (household.create): desks that may not read them see them masked.
 */
export async function householdTimeline(deps: AppDeps, actor: Actor, householdId: string) {
  const rows = await listAudit(deps.db, { entityType: 'household', entityId: householdId, limit: 500 });
  const shown = seesFullIdNumbers(actor) ? (json: string) => json : maskIdNumbersIn;
  return rows
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actorName,
      action: r.action,
      details: r.afterJson ? (JSON.parse(shown(r.afterJson)) as unknown) : null,
    }));
}

/**
 * A household's sign-in in a round: the supervisor needs its workflow id to reopen a stage, and the
 * flats it holds and its live agreement to say what a reopen voids.
 */
export async function householdWorkflow(deps: AppDeps, roundId: string, householdId: string) {
  const workflow = await findWorkflowOf(deps.db, roundId, householdId);
  if (!workflow) throw notFound('该户在本轮的签到记录', 'householdId');
  const [live, flats, agreement] = await Promise.all([
    liveSelectionsOfHousehold(deps.db, roundId, householdId),
    householdFlats(deps.db, roundId, householdId),
    liveAgreementOf(deps.db, roundId, householdId),
  ]);
  const labelById = new Map(flats.map((f) => [f.id, labelOf(f)]));
  return {
    workflowId: workflow.id,
    position: workflow.position,
    batch: workflow.batch,
    absent: workflow.absent,
    nextStage: workflow.nextStage,
    calledStage: workflow.calledStage,
    calledDesk: workflow.calledDesk,
    doneAt: workflow.doneAt,
    selections: live.map((s) => ({
      selectionId: s.id,
      unitId: s.unitId,
      unit: labelById.get(s.unitId) ?? '',
      selectedAt: s.selectedAt,
    })),
    agreement: agreement ? { id: agreement.id, number: agreement.number, status: agreement.status } : null,
  };
}
