import { randomUUID } from 'node:crypto';
import { liveAgreementOf, voidAgreement } from '../agreements/agreements.repo.js';
import { labelOf } from '../allocation/claim.js';
import { findRoundHousehold, lockRound } from '../allocation/rounds.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import * as selections from '../allocation/selections.repo.js';
import { publishTurn } from '../allocation/turn.service.js';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { StageRecordRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { type Actor, hasAnyRole } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { dayEntry, noCall } from './day-state.js';
import { insertKeyReturn, keyReturnOf } from './key-returns.repo.js';
import { householdStatus, nextStage, type Stage, stagesFrom } from './stages.js';

/** Keys handed out and not given back hold the household to its flat: nothing after 选房 may be voided. */
export async function requireKeysBack(db: DbExecutor, records: StageRecordRow[]): Promise<void> {
  const handover = records.find((r) => r.stage === 'keyHandover' && r.outcome === 'completed');
  if (handover && !(await keyReturnOf(db, handover.id))) {
    throw new AppError(
      'KEYS_NOT_RETURNED',
      '该户已领取钥匙：须先登记钥匙和门禁卡退回（退回数量、经办人），方可撤销或重办',
      { field: 'stage' },
    );
  }
}

/**
 * 撤销选房. Before signing a signing clerk or a supervisor may; after signing only a supervisor,
 * and the agreement is voided with the stages after 选房; after the keys only once they are back.
 * The flat returns to the pool and the household to 选房, where it is called next in its place.
 */
export async function undoSelection(deps: AppDeps, actor: Actor, selectionId: string, reason: string): Promise<void> {
  const undone = await deps.db.transaction().execute(async (trx) => {
    const found = await selections.findLiveSelection(trx, selectionId);
    if (!found) throw notFound('有效的选房记录', 'selectionId');
    await repo.lockHousehold(trx, deps.dialect, found.householdId);
    await lockRound(trx, found.roundId);
    const row = await selections.findLiveSelection(trx, selectionId);
    if (!row) throw new AppError('CONFLICT', '该选房记录已被撤销', { field: 'selectionId' });
    const round = await requireRound(trx, row.roundId);
    if (round.status === 'closed')
      throw new AppError('ROUND_CLOSED', '本轮已结束，不能撤销选房', { field: 'selectionId' });
    const [member, workflow, agreement] = await Promise.all([
      findRoundHousehold(trx, row.roundId, row.householdId),
      repo.findWorkflowOf(trx, row.roundId, row.householdId),
      liveAgreementOf(trx, row.roundId, row.householdId),
    ]);
    const records = workflow ? await repo.liveRecordsOf(trx, [workflow.id]) : [];
    const signed = agreement !== undefined || records.some((r) => r.stage === 'signing' && r.outcome === 'completed');
    if (signed && !hasAnyRole(actor, ['supervisor'])) {
      throw new AppError('FORBIDDEN', '协议已签订：撤销选房将作废协议，须由现场主管办理', { field: 'selectionId' });
    }
    await requireKeysBack(trx, records);
    const now = deps.clock.now().toISOString();
    if (!member || !(await selections.markSelectionUndone(trx, row.id, actor.name, now, reason))) {
      throw new AppError('CONFLICT', '该选房记录已被撤销', { field: 'selectionId' });
    }
    await selections.releaseUnit(trx, row.unitId, now);
    await selections.giveBackFlatRight(trx, member.id);
    const unit = (await selections.roundUnits(trx, row.roundId)).find((u) => u.id === row.unitId);
    const label = unit ? labelOf(unit) : '';
    if (agreement) await voidAgreement(trx, row.roundId, row.householdId, now, `撤销选房：${reason}`);
    let voided: Stage[] = [];
    if (workflow) {
      voided = stagesFrom('selection').filter((s) => records.some((r) => r.stage === s && r.outcome === 'completed'));
      await repo.voidRecords(trx, workflow.id, voided, actor.name, now, `撤销选房：${reason}`);
      const entry = dayEntry(
        workflow,
        records.filter((r) => !voided.includes(r.stage as Stage)),
        false,
      );
      const calledLater =
        workflow.calledStage !== null && stagesFrom('selection').includes(workflow.calledStage as Stage);
      await repo.updateWorkflow(trx, workflow.id, {
        nextStage: nextStage(entry.completed, true),
        doneAt: null,
        ...(calledLater ? noCall : {}),
      });
      await repo.setHouseholdStatus(trx, row.householdId, householdStatus(entry.completed, true), now);
    }
    const voidedAgreement: AuditEntry[] = agreement
      ? [
          {
            action: 'agreement.void',
            entityType: 'household',
            entityId: row.householdId,
            projectId: round.projectId,
            before: { number: agreement.number, status: agreement.status },
            after: { voidedAt: now, reason: `撤销选房：${reason}` },
          },
        ]
      : [];
    await recordAudit(trx, deps.clock, actor, [
      ...voidedAgreement,
      {
        action: 'selection.undo',
        entityType: 'household',
        entityId: row.householdId,
        projectId: round.projectId,
        before: {
          selectionId: row.id,
          unitId: row.unitId,
          unit: label,
          agreement: agreement?.number ?? null,
          stages: voided,
        },
        after: { reason, backTo: 'selection' },
      },
    ]);
    return { roundId: row.roundId, unitId: row.unitId, label };
  });
  deps.events.publish({
    type: 'unit',
    roundId: undone.roundId,
    unitId: undone.unitId,
    label: undone.label,
    status: 'available',
  });
  await publishTurn(deps, undone.roundId);
}

export interface KeyReturnInput {
  keys: number;
  accessCards: number;
  note?: string | undefined;
}

/** 钥匙退回: keys and cards back at the key desk, by whom and when; short counts need a note (lost, paid for). */
export async function recordKeyReturn(deps: AppDeps, actor: Actor, workflowId: string, input: KeyReturnInput) {
  return deps.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflow(trx, workflowId);
    if (!workflow) throw notFound('签到记录', 'workflowId');
    const handover = (await repo.liveRecordsOf(trx, [workflowId])).find(
      (r) => r.stage === 'keyHandover' && r.outcome === 'completed',
    );
    if (!handover) throw new AppError('CONFLICT', '该户尚未领取钥匙，无需登记退回', { field: 'workflowId' });
    if (await keyReturnOf(trx, handover.id))
      throw new AppError('CONFLICT', '该户的钥匙退回已登记', { field: 'workflowId' });
    const handed = JSON.parse(handover.data) as { keys?: number; accessCards?: number };
    if (input.keys > (handed.keys ?? 0) || input.accessCards > (handed.accessCards ?? 0)) {
      throw new AppError(
        'BAD_REQUEST',
        `退回数量多于发放数量（发放钥匙 ${handed.keys ?? 0} 把、门禁卡 ${handed.accessCards ?? 0} 张）`,
        { field: 'keys' },
      );
    }
    const short = input.keys < (handed.keys ?? 0) || input.accessCards < (handed.accessCards ?? 0);
    if (short && !input.note)
      throw new AppError('VALIDATION_FAILED', '钥匙或门禁卡未全部退回，请在备注中说明（如遗失、已赔偿）', {
        field: 'note',
      });
    const round = await requireRound(trx, workflow.roundId);
    const row = {
      id: randomUUID(),
      workflowId,
      householdId: workflow.householdId,
      handoverRecordId: handover.id,
      keys: input.keys,
      accessCards: input.accessCards,
      note: input.note ?? null,
      receivedBy: actor.name,
      receivedAt: deps.clock.now().toISOString(),
    };
    await insertKeyReturn(trx, row);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'keys.return',
        entityType: 'household',
        entityId: workflow.householdId,
        projectId: round.projectId,
        before: { keys: handed.keys, accessCards: handed.accessCards },
        after: { keys: input.keys, accessCards: input.accessCards, note: input.note ?? null },
      },
    ]);
    return row;
  });
}
