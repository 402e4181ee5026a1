import type { Selectable } from 'kysely';
import type { DbExecutor, DialectName } from '../db/create-db.js';
import { fromStoredFlag, toStoredFlag, toStoredFlagIfGiven } from '../db/flags.js';
import type { DeskSessionRow, StageRecordRow, WorkflowRow, WorkflowsTable } from '../db/schema.js';

const workflowFromStorage = (row: Selectable<WorkflowsTable>): WorkflowRow => ({
  ...row,
  absent: fromStoredFlag(row.absent),
});

export function openBatches(db: DbExecutor, roundId: string): Promise<{ number: number; openedAt: string }[]> {
  return db
    .selectFrom('roundBatches')
    .select(['number', 'openedAt'])
    .where('roundId', '=', roundId)
    .orderBy('number')
    .execute();
}

export async function insertBatch(
  db: DbExecutor,
  row: { roundId: string; number: number; openedAt: string; openedBy: string },
) {
  await db.insertInto('roundBatches').values(row).execute();
}

export function activeDesk(db: DbExecutor, staffId: string): Promise<DeskSessionRow | undefined> {
  return db
    .selectFrom('deskSessions')
    .selectAll()
    .where('staffId', '=', staffId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
}

export async function endDeskSessions(db: DbExecutor, staffId: string, at: string) {
  await db
    .updateTable('deskSessions')
    .set({ endedAt: at })
    .where('staffId', '=', staffId)
    .where('endedAt', 'is', null)
    .execute();
}

export async function insertDeskSession(db: DbExecutor, row: DeskSessionRow) {
  await db.insertInto('deskSessions').values(row).execute();
}

export async function findWorkflow(db: DbExecutor, id: string): Promise<WorkflowRow | undefined> {
  const row = await db.selectFrom('workflows').selectAll().where('id', '=', id).executeTakeFirst();
  return row && workflowFromStorage(row);
}

export async function findWorkflowOf(
  db: DbExecutor,
  roundId: string,
  householdId: string,
): Promise<WorkflowRow | undefined> {
  const row = await db
    .selectFrom('workflows')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('householdId', '=', householdId)
    .executeTakeFirst();
  return row && workflowFromStorage(row);
}

export async function workflowsOfRound(db: DbExecutor, roundId: string): Promise<WorkflowRow[]> {
  const rows = await db
    .selectFrom('workflows')
    .selectAll()
    .where('roundId', '=', roundId)
    .orderBy('batch')
    .orderBy('position')
    .execute();
  return rows.map(workflowFromStorage);
}

export async function insertWorkflow(db: DbExecutor, row: WorkflowRow) {
  await db
    .insertInto('workflows')
    .values({ ...row, absent: toStoredFlag(row.absent) })
    .execute();
}

export async function updateWorkflow(db: DbExecutor, id: string, changes: Partial<WorkflowRow>) {
  await db
    .updateTable('workflows')
    .set({ ...changes, absent: toStoredFlagIfGiven(changes.absent) })
    .where('id', '=', id)
    .execute();
}

/** The first household waiting for `stage` in the open batches, in round order. */
export async function firstWaiting(
  db: DbExecutor,
  roundId: string,
  stage: string,
  batches: number[],
): Promise<WorkflowRow | undefined> {
  if (batches.length === 0) return undefined;
  const row = await db
    .selectFrom('workflows')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('nextStage', '=', stage)
    .where('absent', '=', 0)
    .where('calledStage', 'is', null)
    .where('batch', 'in', batches)
    .orderBy('batch')
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return row && workflowFromStorage(row);
}

export async function pendingCall(
  db: DbExecutor,
  roundId: string,
  desk: string,
  stage: string,
): Promise<WorkflowRow | undefined> {
  const row = await db
    .selectFrom('workflows')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('calledDesk', '=', desk)
    .where('calledStage', '=', stage)
    .executeTakeFirst();
  return row && workflowFromStorage(row);
}

/** Calls a household to a desk only if nobody called it meanwhile: two desks never share one. */
export interface CallClaim {
  calledStage: string;
  calledDesk: string;
  calledAt: string;
  calledBy: string;
}

export async function claimCall(db: DbExecutor, id: string, call: CallClaim) {
  const result = await db
    .updateTable('workflows')
    .set(call)
    .where('id', '=', id)
    .where('calledStage', 'is', null)
    .where('absent', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function liveRecordsOf(db: DbExecutor, workflowIds: string[]): Promise<StageRecordRow[]> {
  if (workflowIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stageRecords')
    .selectAll()
    .where('workflowId', 'in', workflowIds)
    .where('voidedAt', 'is', null)
    .orderBy('at')
    .execute();
}

export function recordsOfRound(db: DbExecutor, roundId: string): Promise<StageRecordRow[]> {
  return db
    .selectFrom('stageRecords')
    .innerJoin('workflows', 'workflows.id', 'stageRecords.workflowId')
    .selectAll('stageRecords')
    .where('workflows.roundId', '=', roundId)
    .where('stageRecords.voidedAt', 'is', null)
    .execute();
}

export function recordByIdempotencyKey(db: DbExecutor, key: string): Promise<StageRecordRow | undefined> {
  return db.selectFrom('stageRecords').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
}

export async function insertStageRecord(db: DbExecutor, row: StageRecordRow) {
  await db.insertInto('stageRecords').values(row).execute();
}

export async function voidRecords(
  db: DbExecutor,
  workflowId: string,
  stages: string[],
  by: string,
  at: string,
  reason: string,
): Promise<number> {
  // `stage in ()` is a syntax error on PostgreSQL (SQLite accepts it).
  if (stages.length === 0) return 0;
  const result = await db
    .updateTable('stageRecords')
    .set({ voidedAt: at, voidedBy: by, voidReason: reason })
    .where('workflowId', '=', workflowId)
    .where('stage', 'in', stages)
    .where('outcome', '=', 'completed')
    .where('voidedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setHouseholdStatus(db: DbExecutor, householdId: string, status: string, at: string) {
  await db.updateTable('households').set({ status, updatedAt: at }).where('id', '=', householdId).execute();
}

/**
 * Locks the household's row on PostgreSQL (SQLite runs one writer at a time). A stage takes it
 * first: its audit rows (a selection's, an agreement's) lock the audit head before the stage
 * updates the household, and a file correction locks them the other way round: a deadlock.
 */
export async function lockHousehold(db: DbExecutor, dialect: DialectName, householdId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('households').select('id').where('id', '=', householdId).forUpdate().execute();
}
