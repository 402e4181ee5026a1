import { randomUUID } from 'node:crypto';
import { requireRound } from '../allocation/rounds.service.js';
import { publishSelection } from '../allocation/selection.service.js';
import { liveSelectionsOfHousehold } from '../allocation/selections.repo.js';
import { publishTurn } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { isUniqueViolation } from '../db/db-errors.js';
import type { StageRecordRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { requireDesk } from './day.service.js';
import { away, dayEntry, noCall, present } from './day-state.js';
import { applyStage, type StageEffect } from './stage-effects.js';
import type { StageSubmission } from './stage-forms.js';
import { householdStatus, nextStage, type Stage, stageRefusal, stageTable } from './stages.js';

export interface StageResult {
  recordId: string;
  workflowId: string;
  householdId: string;
  stage: Stage;
  outcome: string;
  data: Record<string, unknown>;
  deskNumber: string;
  staffName: string;
  at: string;
  message: string;
  /** What the desk must know before going on, in Chinese (e.g. a name the papers cannot print). */
  warnings: string[];
  repeated: boolean;
}

/** Warnings are kept in the record's data, so a repeated request is told them again. */
function warningsOf(data: Record<string, unknown>): string[] {
  const stored = data.nameWarnings;
  return Array.isArray(stored) ? stored.filter((w): w is string => typeof w === 'string') : [];
}

const toResult = (r: StageRecordRow, message: string, repeated: boolean): StageResult => {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  return {
    recordId: r.id,
    workflowId: r.workflowId,
    householdId: r.householdId,
    stage: r.stage as Stage,
    outcome: r.outcome,
    data,
    deskNumber: r.deskNumber,
    staffName: r.staffName,
    at: r.at,
    message,
    warnings: warningsOf(data),
    repeated,
  };
};

/** A retried request (same key, or the stage already done) gets the first result and writes nothing. */
async function earlierResult(
  deps: AppDeps,
  workflowId: string,
  stage: Stage,
  key: string | undefined,
): Promise<StageResult | null> {
  if (key) {
    const byKey = await repo.recordByIdempotencyKey(deps.db, key);
    if (byKey && (byKey.workflowId !== workflowId || byKey.stage !== stage)) {
      throw new AppError('CONFLICT', '该请求编号（Idempotency-Key）已用于另一项办理', { field: 'idempotencyKey' });
    }
    if (byKey) return toResult(byKey, '重复提交，已返回首次办理结果', true);
  }
  const done = (await repo.liveRecordsOf(deps.db, [workflowId])).find(
    (r) => r.stage === stage && r.outcome === 'completed',
  );
  return done ? toResult(done, `${stageTable[stage].label}已办理，返回首次办理结果`, true) : null;
}

const turnStages = new Set<Stage>(['documentReview', 'idCheck', 'selection']);

/** The stage was completed by a request that committed after this one looked for earlier results. */
class StageAlreadyDone extends AppError {}

async function decide(
  deps: AppDeps,
  actor: Actor,
  workflowId: string,
  submission: StageSubmission,
  key: string | undefined,
) {
  return deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    await repo.lockHousehold(trx, deps.dialect, workflow.householdId);
    const round = await requireRound(trx, workflow.roundId);
    const desk = await requireDesk(trx, actor, round.projectId, submission.stage);
    // Only this household's rows: completing a stage must not cost more as the day grows.
    const [records, flats] = await Promise.all([
      repo.liveRecordsOf(trx, [workflowId]),
      liveSelectionsOfHousehold(trx, workflow.roundId, workflow.householdId),
    ]);
    const entry = dayEntry(workflow, records, flats.length > 0);
    const refusal = stageRefusal(submission.stage, entry.completed, entry.needsSelection);
    if (refusal?.kind === 'done') throw new StageAlreadyDone('CONFLICT', refusal.message, { field: 'stage' });
    if (refusal)
      throw new AppError(refusal.kind === 'outOfOrder' ? 'STAGE_OUT_OF_ORDER' : 'CONFLICT', refusal.message, {
        field: 'stage',
      });
    if (workflow.calledStage !== submission.stage || workflow.calledDesk !== desk.deskNumber) {
      throw new AppError('NOT_CALLED', '该户未被本窗口叫号，请先“叫下一位”', { field: 'workflowId' });
    }
    const documents = records.find((r) => r.stage === 'documentReview' && r.outcome === 'completed');
    const effect: StageEffect = await applyStage(
      {
        trx,
        deps,
        actor,
        workflow,
        entry,
        projectId: round.projectId,
        documentRecord: documents ? (JSON.parse(documents.data) as Record<string, unknown>) : null,
      },
      submission,
    );
    const now = deps.clock.now().toISOString();
    const record: StageRecordRow = {
      id: randomUUID(),
      workflowId,
      householdId: workflow.householdId,
      stage: submission.stage,
      outcome: effect.outcome,
      data: JSON.stringify(effect.data),
      staffId: actor.id ?? '',
      staffName: actor.name,
      deskNumber: desk.deskNumber,
      calledAt: workflow.calledAt,
      at: now,
      idempotencyKey: key ?? null,
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
    };
    await repo.insertStageRecord(trx, record);
    const completed = new Set(entry.completed);
    if (effect.outcome === 'completed') completed.add(submission.stage);
    const status = householdStatus(completed, entry.needsSelection || submission.stage === 'selection');
    const returned = effect.outcome === 'returned';
    await repo.updateWorkflow(trx, workflowId, {
      ...noCall,
      ...(returned ? away('returned', submission.stage) : present),
      nextStage: nextStage(completed, entry.needsSelection),
      doneAt: status === 'done' ? now : null,
    });
    await repo.setHouseholdStatus(trx, workflow.householdId, status, now);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: returned ? 'stage.return' : 'stage.complete',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: round.projectId,
        after: { stage: submission.stage, desk: desk.deskNumber, data: effect.data, status },
      },
    ]);
    return { result: toResult(record, effect.message, false), selection: effect.selection, roundId: workflow.roundId };
  });
}

export async function completeStage(
  deps: AppDeps,
  actor: Actor,
  workflowId: string,
  submission: StageSubmission,
  key?: string,
): Promise<StageResult> {
  const earlier = await earlierResult(deps, workflowId, submission.stage, key);
  if (earlier) return earlier;
  try {
    const { result, selection, roundId } = await decide(deps, actor, workflowId, submission, key);
    if (selection && !selection.repeated) await publishSelection(deps, roundId, selection);
    deps.events.publish({ type: 'progress', roundId, stage: submission.stage, outcome: result.outcome });
    // Up to 选房 a stage's outcome decides whether the household is ready for it: the turn may move.
    if (turnStages.has(submission.stage) && !selection) await publishTurn(deps, roundId);
    return result;
  } catch (err) {
    // Two desks racing on PostgreSQL: the unique index let one through, or the winner committed
    // between our look for an earlier result and our transaction; either way answer as a retry.
    if (isUniqueViolation(err) || err instanceof StageAlreadyDone) {
      const raced = await earlierResult(deps, workflowId, submission.stage, key);
      if (raced) return raced;
    }
    throw err;
  }
}
