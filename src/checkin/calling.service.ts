import { requireRound } from '../allocation/rounds.service.js';
import { loadTurn, publishTurn, turnAnnouncement } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { WorkflowRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { householdSummaries } from '../households/households.repo.js';
import { maskName } from '../shared/masking.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { requireDesk } from './day.service.js';
import { away, noCall, present } from './day-state.js';
import { type Stage, stageTable } from './stages.js';

export interface CallResult {
  workflowId: string;
  householdId: string;
  code: string;
  headName: string;
  position: number;
  batch: number;
  stage: Stage;
  deskNumber: string;
  /** At the 选房 desk: who was passed over and why, then who is called ("第 2 号 材料退回，暂缓选房；请第 3 号"). */
  announcement: string | null;
}

/** Flats are chosen in the round's order, by the turn rule (allocation/queue.ts): the first household ready for 选房. */
async function pickForSelection(trx: DbExecutor, roundId: string): Promise<WorkflowRow | null> {
  if ((await requireRound(trx, roundId)).status !== 'ordered') return null;
  const turn = await loadTurn(trx, roundId);
  if (!turn.next) return null;
  return (await repo.findWorkflowOf(trx, roundId, turn.next.householdId)) ?? null;
}

async function pick(trx: DbExecutor, roundId: string, stage: Stage): Promise<WorkflowRow | null> {
  if (stage === 'selection') return pickForSelection(trx, roundId);
  const batches = (await repo.openBatches(trx, roundId)).map((b) => b.number);
  return (await repo.firstWaiting(trx, roundId, stage, batches)) ?? null;
}

/** The announcement as the desk calls: the turn has not yet moved past the household being called. */
function announcementFor(turn: Awaited<ReturnType<typeof loadTurn>>, position: number): string {
  const passed = [...turn.passed, ...turn.notReady].filter((e) => (e.household.selectionOrder ?? 0) < position);
  return (
    turnAnnouncement({ ...turn, next: turn.serving.find((h) => h.selectionOrder === position) ?? turn.next, passed }) ??
    `请第 ${position} 号`
  );
}

// Two desks of one stage may pick the same household at once on PostgreSQL; the loser of the
// claim looks again (each statement sees the other's commit) rather than bouncing the desk; every
// lost claim means another desk took a household, so the bound is only a guard.
const claimAttempts = 20;

async function claimNext(
  trx: DbExecutor,
  roundId: string,
  stage: Stage,
  call: repo.CallClaim,
): Promise<WorkflowRow | null> {
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
    const round = await requireRound(trx, roundId);
    const desk = await requireDesk(trx, actor, round.projectId);
    const stage = desk.stage as Stage;
    const pending = await repo.pendingCall(trx, roundId, desk.deskNumber, stage);
    const workflow =
      pending ??
      (await claimNext(trx, roundId, stage, {
        calledStage: stage,
        calledDesk: desk.deskNumber,
        calledAt: deps.clock.now().toISOString(),
        calledBy: actor.name,
      }));
    if (!workflow) return null;
    const [household] = await householdSummaries(trx, [workflow.householdId]);
    const announcement =
      stage === 'selection' ? announcementFor(await loadTurn(trx, roundId), workflow.position) : null;
    if (!pending) {
      await recordAudit(trx, deps.clock, actor, [
        {
          action: 'day.call',
          entityType: 'household',
          entityId: workflow.householdId,
          projectId: round.projectId,
          after: { stage, desk: desk.deskNumber, position: workflow.position, announcement },
        },
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
      announcement,
    };
  });
  if (called) {
    deps.events.publish({
      type: 'call',
      roundId,
      position: called.position,
      maskedName: maskName(called.headName),
      desk: called.deskNumber,
      stage: stageTable[called.stage].label,
    });
    if (called.stage === 'selection') await publishTurn(deps, roundId);
  }
  return called;
}

/** A called household that does not come: it keeps its place and is called again once it is back. */
export async function markNoShow(deps: AppDeps, actor: Actor, workflowId: string): Promise<void> {
  const roundId = await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    const round = await requireRound(trx, workflow.roundId);
    const desk = await requireDesk(trx, actor, round.projectId);
    if (workflow.calledDesk !== desk.deskNumber)
      throw new AppError('NOT_CALLED', '该户不是本窗口叫到的户', { field: 'workflowId' });
    await repo.updateWorkflow(trx, workflowId, { ...away('no_show', desk.stage), ...noCall });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'day.no_show',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: round.projectId,
        after: { stage: desk.stage, desk: desk.deskNumber },
      },
    ]);
    return workflow.roundId;
  });
  await publishTurn(deps, roundId);
}

/** Staff bring an absent household back into the queue (the door does the same by signing it in again). */
export async function recall(deps: AppDeps, actor: Actor, workflowId: string): Promise<void> {
  const roundId = await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    if (!workflow.absent) return workflow.roundId;
    await repo.updateWorkflow(trx, workflowId, present);
    const round = await requireRound(trx, workflow.roundId);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'day.recall',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: round.projectId,
        before: { away: workflow.awayReason, stage: workflow.awayStage },
        after: { roundId: workflow.roundId },
      },
    ]);
    return workflow.roundId;
  });
  await publishTurn(deps, roundId);
}
