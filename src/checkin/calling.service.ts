import { nextInLine } from '../allocation/queue.js';
import { requireRound } from '../allocation/rounds.service.js';
import { toQueueEntry } from '../allocation/selection.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import type { AppDeps } from '../deps.js';
import type { DbExecutor } from '../db/create-db.js';
import type { WorkflowRow } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { householdSummaries } from '../households/households.repo.js';
import { maskName } from '../shared/id-number.js';
import * as repo from './checkin.repo.js';
import { callable } from './day-state.js';
import { loadDay, requireDesk, type Day } from './day.service.js';
import { stageTable, type Stage } from './stages.js';

export interface CallResult {
  workflowId: string;
  householdId: string;
  code: string;
  headName: string;
  position: number;
  batch: number;
  stage: Stage;
  deskNumber: string;
}

/** Flats are chosen in the round's order: only the household whose turn it is may be called to 选房. */
function pickForSelection(day: Day): WorkflowRow | null {
  const ready = callable(day.entries, 'selection', day.openBatches);
  const turn = nextInLine(day.households.map(toQueueEntry));
  const match = ready.find((e) => e.workflow.householdId === turn?.householdId);
  if (match) return match.workflow;
  if (ready.length > 0 && turn) {
    const awaited = day.households.find((h) => h.householdId === turn.householdId);
    throw new AppError('NOT_YOUR_TURN', `选房须按顺序：正在等候第 ${awaited?.selectionOrder ?? '-'} 号（户号 ${awaited?.code ?? '-'}）；如其未到场，请登记未到场后再叫号`, { field: 'stage' });
  }
  return null;
}

async function pick(trx: DbExecutor, roundId: string, stage: Stage): Promise<WorkflowRow | null> {
  if (stage === 'selection') return pickForSelection(await loadDay(trx, roundId));
  const batches = (await repo.openBatches(trx, roundId)).map((b) => b.number);
  return (await repo.firstWaiting(trx, roundId, stage, batches)) ?? null;
}

// Two desks of one stage may pick the same household at once on PostgreSQL; the loser of the
// claim looks again (each statement sees the other's commit) rather than bouncing the desk; every
// lost claim means another desk took a household, so the bound is only a guard.
const claimAttempts = 20;

async function claimNext(trx: DbExecutor, roundId: string, stage: Stage, call: repo.CallClaim): Promise<WorkflowRow | null> {
  for (let attempt = 0; attempt < claimAttempts; attempt += 1) {
    const workflow = await pick(trx, roundId, stage);
    if (!workflow) return null;
    if (await repo.claimCall(trx, workflow.id, call)) return workflow;
  }
  throw new AppError('CONFLICT', '该户刚被其他窗口叫号，请再次叫号', { field: 'stage' });
}

/** 叫号: the desk's next household for its stage, or the one it already called and has not finished. */
export async function callNext(deps: AppDeps, actor: Actor, roundId: string): Promise<CallResult | null> {
  const called = await deps.db.transaction().execute(async (trx) => {
    const desk = await requireDesk(trx, actor);
    const stage = desk.stage as Stage;
    const round = await requireRound(trx, roundId);
    const pending = await repo.pendingCall(trx, roundId, desk.deskNumber, stage);
    const workflow = pending ?? (await claimNext(trx, roundId, stage, { calledStage: stage, calledDesk: desk.deskNumber, calledAt: deps.clock.now().toISOString(), calledBy: actor.name }));
    if (!workflow) return null;
    const [household] = await householdSummaries(trx, [workflow.householdId]);
    if (!pending) {
      await recordAudit(trx, deps.clock, actor, [
        { action: 'day.call', entityType: 'household', entityId: workflow.householdId, projectId: round.projectId, after: { stage, desk: desk.deskNumber, position: workflow.position } },
      ]);
    }
    return {
      workflowId: workflow.id,
      householdId: workflow.householdId,
      code: household?.code ?? '',
      headName: household?.headName ?? '',
      position: workflow.position,
      batch: workflow.batch,
      stage,
      deskNumber: desk.deskNumber,
    };
  });
  if (called) {
    deps.events.publish({ type: 'call', roundId, position: called.position, maskedName: maskName(called.headName), desk: called.deskNumber, stage: stageTable[called.stage].label });
  }
  return called;
}

/** A called household that does not come: it keeps its place and is called again once it is back. */
export async function markNoShow(deps: AppDeps, actor: Actor, workflowId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    const desk = await requireDesk(trx, actor);
    if (workflow.calledDesk !== desk.deskNumber) throw new AppError('NOT_CALLED', '该户不是本窗口叫到的户', { field: 'workflowId' });
    await repo.updateWorkflow(trx, workflowId, { absent: 1, calledStage: null, calledDesk: null, calledAt: null, calledBy: null });
    const round = await requireRound(trx, workflow.roundId);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'day.no_show', entityType: 'household', entityId: workflow.householdId, projectId: round.projectId, after: { stage: desk.stage, desk: desk.deskNumber } },
    ]);
  });
}

/** Staff bring an absent household back into the queue (the door does the same by signing it in again). */
export async function recall(deps: AppDeps, actor: Actor, workflowId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    if (workflow.absent === 0) return;
    await repo.updateWorkflow(trx, workflowId, { absent: 0 });
    const round = await requireRound(trx, workflow.roundId);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'day.recall', entityType: 'household', entityId: workflow.householdId, projectId: round.projectId, after: { roundId: workflow.roundId } },
    ]);
  });
}
