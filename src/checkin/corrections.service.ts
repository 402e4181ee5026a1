import { randomUUID } from 'node:crypto';
import { voidAgreement } from '../agreements/agreements.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import { publishTurn } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { loadDay, requireDesk } from './day.service.js';
import { away, noCall } from './day-state.js';
import { householdStatus, nextStage, type Stage, stagesFrom, stageTable } from './stages.js';
import { requireKeysBack } from './undo.service.js';

/** 退回: the desk sends the household away with the reason (and what to bring); it keeps its place. */
export async function returnHousehold(
  deps: AppDeps,
  actor: Actor,
  workflowId: string,
  stage: Stage,
  input: { reason: string; missing?: string[] | undefined },
) {
  const roundId = await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    const round = await requireRound(trx, workflow.roundId);
    const desk = await requireDesk(trx, actor, round.projectId, stage);
    if (workflow.calledStage !== stage || workflow.calledDesk !== desk.deskNumber) {
      throw new AppError('NOT_CALLED', '该户未被本窗口叫号，不能退回', { field: 'workflowId' });
    }
    const now = deps.clock.now().toISOString();
    const data = { reason: input.reason, missing: input.missing ?? [] };
    await repo.insertStageRecord(trx, {
      id: randomUUID(),
      workflowId,
      householdId: workflow.householdId,
      stage,
      outcome: 'returned',
      data: JSON.stringify(data),
      staffId: actor.id ?? '',
      staffName: actor.name,
      deskNumber: desk.deskNumber,
      calledAt: workflow.calledAt,
      at: now,
      idempotencyKey: null,
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
    });
    await repo.updateWorkflow(trx, workflowId, { ...away('returned', stage), ...noCall });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'stage.return',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: round.projectId,
        after: { stage, desk: desk.deskNumber, ...data },
      },
    ]);
    return workflow.roundId;
  });
  await publishTurn(deps, roundId);
}

/** A supervisor reopens a completed stage with a reason: it and every later stage are voided, not deleted. */
export async function reopenStage(deps: AppDeps, actor: Actor, workflowId: string, stage: Stage, reason: string) {
  if (stage === 'selection') throw new AppError('CONFLICT', '选房结果请通过“撤销选房”更正', { field: 'stage' });
  await deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    const day = await loadDay(trx, workflow.roundId);
    const entry = day.entries.find((e) => e.workflow.id === workflowId);
    if (day.forfeited.has(workflow.householdId))
      throw new AppError('FORFEITED', '该户已放弃选房，不再办理；如需办理请先恢复选房资格', { field: 'stage' });
    if (!entry?.completed.has(stage))
      throw new AppError('CONFLICT', `“${stageTable[stage].label}”尚未办理，无需重开`, { field: 'stage' });
    // A stage before 选房 redone under a chosen flat would leave 选房 standing on a voided stage.
    if (entry.completed.has('selection') && stagesFrom(stage).includes('selection')) {
      throw new AppError('CONFLICT', `该户已选房：重开“${stageTable[stage].label}”须先撤销选房（房源将释放）`, {
        field: 'stage',
      });
    }
    const voided: Stage[] = stagesFrom(stage).filter((s) => s !== 'selection');
    // A recount of the keys redoes 领取钥匙 itself; anything earlier takes the keys back first.
    if (stage !== 'keyHandover')
      await requireKeysBack(
        trx,
        day.records.filter((r) => r.workflowId === workflowId),
      );
    const now = deps.clock.now().toISOString();
    await repo.voidRecords(trx, workflowId, voided, actor.name, now, reason);
    if (voided.includes('signing')) await voidAgreement(trx, workflow.roundId, workflow.householdId, now, reason);
    const remaining = new Set([...entry.completed].filter((s) => !voided.includes(s)));
    // A desk that called the household for the reopened stage or a later one (选房 included) would
    // keep calling it back, and be refused.
    const calledVoided = workflow.calledStage !== null && stagesFrom(stage).includes(workflow.calledStage as Stage);
    await repo.updateWorkflow(trx, workflowId, {
      doneAt: null,
      nextStage: nextStage(remaining, entry.needsSelection),
      ...(calledVoided ? noCall : {}),
    });
    await repo.setHouseholdStatus(trx, workflow.householdId, householdStatus(remaining, entry.needsSelection), now);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'stage.reopen',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: day.round.projectId,
        before: { completed: [...entry.completed] },
        after: { reopened: stage, voided, reason },
      },
    ]);
  });
}
