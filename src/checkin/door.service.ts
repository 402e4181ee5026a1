import { requireRound } from '../allocation/rounds.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { createQrMatrix } from '../pdf/qr.js';
import { maskName } from '../shared/masking.js';
import { type Actor, servesProject } from '../shared/roles.js';
import { arrivalQrText } from './arrivals.service.js';
import * as repo from './checkin.repo.js';
import { loadDay } from './day.service.js';

/** One household signed in at the door, as the door's list shows it to staff (full name: they cross-check). */
export interface ArrivalEntry {
  workflowId: string;
  householdId: string;
  code: string;
  headName: string | null;
  position: number;
  batch: number;
  arrivedAt: string;
  absent: boolean;
}

/** Who has arrived, newest first, and how many households the round has in all. */
export async function arrivalsOf(deps: AppDeps, roundId: string) {
  const day = await loadDay(deps.db, roundId);
  const byId = new Map(day.households.map((h) => [h.householdId, h]));
  const arrivals: ArrivalEntry[] = day.workflows
    .map((w) => ({
      workflowId: w.id,
      householdId: w.householdId,
      code: byId.get(w.householdId)?.code ?? '',
      headName: byId.get(w.householdId)?.headName ?? null,
      position: w.position,
      batch: w.batch,
      arrivedAt: w.arrivedAt,
      absent: w.absent,
    }))
    .sort((a, b) => b.arrivedAt.localeCompare(a.arrivedAt) || b.position - a.position);
  return { count: arrivals.length, households: day.households.length, arrivals };
}

export async function openBatchesOf(deps: AppDeps, roundId: string) {
  await requireRound(deps.db, roundId);
  return repo.openBatches(deps.db, roundId);
}

/**
 * What the queue ticket (排队小票) prints: the number, the batch, the masked name (the ticket is
 * left on counters and seats) and a QR code of the notice's kind, so a desk can scan the household back in.
 */
export async function queueTicket(deps: AppDeps, actor: Actor, workflowId: string) {
  const workflow = await repo.findWorkflow(deps.db, workflowId);
  if (!workflow) throw new AppError('NOT_FOUND', '未找到该签到记录', { field: 'workflowId' });
  const day = await loadDay(deps.db, workflow.roundId);
  if (!servesProject(actor, day.round.projectId))
    throw new AppError('FORBIDDEN', '当前账号未分配到该项目', { field: 'workflowId' });
  const household = day.households.find((h) => h.householdId === workflow.householdId);
  const code = household?.code ?? '';
  const matrix = createQrMatrix(arrivalQrText(workflow.roundId, code));
  const qr: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let line = '';
    for (let col = 0; col < matrix.size; col++) line += matrix.isDark(row, col) ? '1' : '0';
    qr.push(line);
  }
  return {
    workflowId,
    roundName: day.round.name,
    code,
    maskedName: household?.headName ? maskName(household.headName) : '',
    position: workflow.position,
    batch: workflow.batch,
    arrivedAt: workflow.arrivedAt,
    qr,
  };
}
