import { randomUUID } from 'node:crypto';
import { publishTurn } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { WorkflowRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { membersOf } from '../households/households.repo.js';
import { normalizeIdNumber } from '../shared/id-number.js';
import type { Actor } from '../shared/roles.js';
import { codeLookupKey, normalizeCode } from '../shared/text.js';
import * as repo from './checkin.repo.js';
import { loadDay } from './day.service.js';
import { present } from './day-state.js';

export type ArrivalKey = { by: 'code' | 'idNumber' | 'qr'; value: string };

/** The QR code on a household's notice: the round and the 户号, nothing personal. */
export const arrivalQrText = (roundId: string, code: string): string => `ANJU1:${roundId}:${code}`;

type DayHousehold = Awaited<ReturnType<typeof loadDay>>['households'][number];

/** The exact 户号 first; otherwise the one household whose 户号 differs only in case or spacing. */
function byCode(households: DayHousehold[], typed: string): DayHousehold | undefined {
  const key = codeLookupKey(typed);
  const exact = households.find((h) => h.code === normalizeCode(typed));
  if (exact) return exact;
  const matches = households.filter((h) => codeLookupKey(h.code) === key);
  return matches.length === 1 ? matches[0] : undefined;
}

async function findHousehold(db: DbExecutor, roundId: string, key: ArrivalKey, households: DayHousehold[]) {
  if (key.by === 'code') return byCode(households, key.value);
  if (key.by === 'qr') {
    const [tag, qrRound, code] = key.value.trim().split(':');
    if (tag !== 'ANJU1' || qrRound !== roundId)
      throw new AppError('BAD_REQUEST', '二维码不是本轮的选房通知书', { field: 'value' });
    return byCode(households, code ?? '');
  }
  const id = normalizeIdNumber(key.value);
  const members = await membersOf(
    db,
    households.map((h) => h.householdId),
  );
  const member = members.find((m) => m.idNumber === id);
  return member ? households.find((h) => h.householdId === member.householdId) : undefined;
}

export interface ArrivalResult {
  workflowId: string;
  householdId: string;
  code: string;
  /** The head's full name, for the door to cross-check with the person in front of it. */
  headName: string | null;
  position: number;
  batch: number;
  arrivedAt: string;
  batchOpen: boolean;
  secondVisit: boolean;
}

/** Signed in at the door; a household that left (absent, or sent to fetch papers) comes back the same way. */
export async function checkIn(deps: AppDeps, actor: Actor, roundId: string, key: ArrivalKey): Promise<ArrivalResult> {
  const arrival = await deps.db.transaction().execute(async (trx) => {
    const day = await loadDay(trx, roundId);
    if (day.round.status !== 'ordered')
      throw new AppError('CONFLICT', '本轮尚未确定选房顺序，不能签到', { field: 'roundId' });
    const household = await findHousehold(trx, roundId, key, day.households);
    if (!household || household.selectionOrder === null || household.batch === null) {
      throw new AppError('NOT_FOUND', '未找到该户：请核对户号或身份证号，或确认该户在本轮名单中', { field: 'value' });
    }
    if (household.status === 'forfeited') {
      throw new AppError(
        'FORFEITED',
        `户号 ${household.code} 已登记放弃选房（或选择货币补偿），无需办理选房手续；如需恢复请找现场主管`,
        { field: 'value' },
      );
    }
    const now = deps.clock.now().toISOString();
    const existing = day.workflows.find((w) => w.householdId === household.householdId);
    const result = (w: WorkflowRow, secondVisit: boolean): ArrivalResult => ({
      workflowId: w.id,
      householdId: household.householdId,
      code: household.code,
      headName: household.headName,
      position: w.position,
      batch: w.batch,
      arrivedAt: w.arrivedAt,
      batchOpen: day.openBatches.has(w.batch),
      secondVisit,
    });
    if (existing) {
      if (!existing.absent) return result(existing, false);
      await repo.updateWorkflow(trx, existing.id, present);
      await recordAudit(trx, deps.clock, actor, [
        {
          action: 'day.arrive_again',
          entityType: 'household',
          entityId: household.householdId,
          projectId: day.round.projectId,
          before: { away: existing.awayReason, stage: existing.awayStage },
          after: { roundId, by: key.by },
        },
      ]);
      return result(existing, true);
    }
    const workflow: WorkflowRow = {
      id: randomUUID(),
      roundId,
      householdId: household.householdId,
      batch: household.batch,
      position: household.selectionOrder,
      arrivedAt: now,
      absent: false,
      nextStage: 'documentReview',
      calledStage: null,
      calledDesk: null,
      calledAt: null,
      calledBy: null,
      doneAt: null,
      awayReason: null,
      awayStage: null,
    };
    await repo.insertWorkflow(trx, workflow);
    await repo.setHouseholdStatus(trx, household.householdId, 'arrived', now);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'day.arrive',
        entityType: 'household',
        entityId: household.householdId,
        projectId: day.round.projectId,
        after: { roundId, by: key.by, position: workflow.position, batch: workflow.batch },
      },
    ]);
    return result(workflow, false);
  });
  // A household back in the day (or new to it) may be the one the 选房 desk calls next.
  if (arrival.batchOpen) await publishTurn(deps, roundId);
  return arrival;
}
