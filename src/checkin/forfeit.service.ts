import { randomUUID } from 'node:crypto';
import { findDocument, insertDocument } from '../agreements/agreements.repo.js';
import { sha256Hex } from '../agreements/agreements.service.js';
import { sniffSignedCopy } from '../agreements/file-sniff.js';
import * as forfeits from '../allocation/forfeits.repo.js';
import { findRoundHousehold, lockRound, setRoundHouseholdPresence } from '../allocation/rounds.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import { liveSelectionsOfHousehold } from '../allocation/selections.repo.js';
import { publishTurn } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { ForfeitRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { dayEntry, noCall, present } from './day-state.js';
import { nextStage } from './stages.js';

export async function requireOrderedRound(trx: DbExecutor, roundId: string) {
  await lockRound(trx, roundId);
  const round = await requireRound(trx, roundId);
  if (round.status === 'closed') throw new AppError('ROUND_CLOSED', '本轮已结束', { field: 'roundId' });
  if (round.status !== 'ordered') throw new AppError('CONFLICT', '本轮尚未确定选房顺序', { field: 'roundId' });
  return round;
}

/** A household that gave up leaves the day: no desk calls it again. */
export async function leaveDay(trx: DbExecutor, roundId: string, householdId: string): Promise<void> {
  const workflow = await repo.findWorkflowOf(trx, roundId, householdId);
  if (workflow) await repo.updateWorkflow(trx, workflow.id, { ...present, ...noCall, nextStage: null });
}

export interface ForfeitInput {
  kind: 'forfeit' | 'cash';
  reason: string;
}

/** 放弃选房 (or 货币补偿, which gives up the flat for money): the line skips it, 公示 shows it. */
export async function forfeit(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  householdId: string,
  input: ForfeitInput,
): Promise<ForfeitRow> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const round = await requireOrderedRound(trx, roundId);
    const member = await findRoundHousehold(trx, roundId, householdId);
    if (!member) throw new AppError('NOT_FOUND', '该户不在本轮名单中', { field: 'householdId' });
    if (member.status === 'forfeited') throw new AppError('CONFLICT', '该户已登记放弃', { field: 'householdId' });
    if ((await liveSelectionsOfHousehold(trx, roundId, householdId)).length > 0) {
      throw new AppError('CONFLICT', '该户已选定房源：请先撤销选房，再登记放弃', { field: 'householdId' });
    }
    await setRoundHouseholdPresence(trx, member.id, member.status, 'forfeited', null);
    const forfeitRow: ForfeitRow = {
      id: randomUUID(),
      roundId,
      householdId,
      kind: input.kind,
      reason: input.reason,
      statementDocumentId: null,
      recordedAt: deps.clock.now().toISOString(),
      recordedBy: actor.name,
      reinstatedAt: null,
      reinstatedBy: null,
      reinstateReason: null,
    };
    await forfeits.insertForfeits(trx, [forfeitRow]);
    await leaveDay(trx, roundId, householdId);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.forfeit',
        entityType: 'household',
        entityId: householdId,
        projectId: round.projectId,
        before: { status: member.status },
        after: { roundId, forfeitId: forfeitRow.id, kind: input.kind, reason: input.reason },
      },
    ]);
    return forfeitRow;
  });
  await publishTurn(deps, roundId);
  return row;
}

/** The household's signed statement (放弃选房声明 / 货币补偿申请), scanned: judged by its bytes like a signed agreement. */
export async function attachForfeitStatement(
  deps: AppDeps,
  actor: Actor,
  forfeitId: string,
  bytes: Buffer,
): Promise<ForfeitRow> {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', '上传的文件是空的', { field: 'file' });
  if (bytes.length > deps.config.ANJU_SIGNED_COPY_MAX_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${Math.round(deps.config.ANJU_SIGNED_COPY_MAX_BYTES / 1024 / 1024)} MB，请压缩后上传`,
      { field: 'file' },
    );
  const sniffed = sniffSignedCopy(bytes);
  if (!sniffed.ok)
    throw new AppError(sniffed.reason === 'type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', sniffed.message, {
      field: 'file',
    });
  return deps.db.transaction().execute(async (trx) => {
    const row = await forfeits.findForfeit(trx, forfeitId);
    if (!row) throw notFound('放弃记录', 'forfeitId');
    if (row.reinstatedAt) throw new AppError('CONFLICT', '该放弃记录已撤回（已恢复选房资格）', { field: 'forfeitId' });
    const round = await requireRound(trx, row.roundId);
    const now = deps.clock.now().toISOString();
    const documentId = randomUUID();
    const sha256 = sha256Hex(bytes);
    await insertDocument(trx, {
      id: documentId,
      kind: 'forfeit_statement',
      contentType: sniffed.contentType,
      sha256,
      size: bytes.length,
      bytes,
      createdAt: now,
      createdBy: actor.name,
    });
    await forfeits.attachStatement(trx, forfeitId, documentId);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.forfeit_statement',
        entityType: 'household',
        entityId: row.householdId,
        projectId: round.projectId,
        before: { statementDocumentId: row.statementDocumentId },
        after: { forfeitId, sha256, contentType: sniffed.contentType, size: bytes.length },
      },
    ]);
    return { ...row, statementDocumentId: documentId };
  });
}

export async function forfeitStatement(
  deps: AppDeps,
  forfeitId: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const row = await forfeits.findForfeit(deps.db, forfeitId);
  const document = row?.statementDocumentId ? await findDocument(deps.db, row.statementDocumentId) : undefined;
  if (!document) throw notFound('放弃声明扫描件', 'forfeitId');
  return { bytes: Buffer.from(document.bytes), contentType: document.contentType };
}

/** 恢复选房资格: the household goes back to its place in the line (and in the day, where it left it). */
export async function reinstate(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  householdId: string,
  reason: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const round = await requireOrderedRound(trx, roundId);
    const row = await forfeits.liveForfeitOf(trx, roundId, householdId);
    const member = await findRoundHousehold(trx, roundId, householdId);
    if (!row || !member || member.status !== 'forfeited')
      throw new AppError('CONFLICT', '该户未登记放弃，无需恢复', { field: 'householdId' });
    const now = deps.clock.now().toISOString();
    await forfeits.markReinstated(trx, row.id, actor.name, now, reason);
    await setRoundHouseholdPresence(trx, member.id, 'forfeited', 'waiting', null);
    const workflow = await repo.findWorkflowOf(trx, roundId, householdId);
    if (workflow) {
      const entry = dayEntry(workflow, await repo.liveRecordsOf(trx, [workflow.id]), false);
      await repo.updateWorkflow(trx, workflow.id, { nextStage: nextStage(entry.completed, true) });
    }
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.reinstate',
        entityType: 'household',
        entityId: householdId,
        projectId: round.projectId,
        before: { forfeitId: row.id, kind: row.kind },
        after: { roundId, reason },
      },
    ]);
  });
  await publishTurn(deps, roundId);
}
