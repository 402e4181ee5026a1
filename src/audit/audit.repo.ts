import { sql } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';
import type { AuditRow } from '../db/schema.js';

/** Claims the next seq range; on PostgreSQL the row lock holds every other writer until commit. */
export async function claimAuditRange(db: DbExecutor, count: number): Promise<{ firstSeq: number; prevHash: string }> {
  const head = await db
    .updateTable('auditHead')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', count) }))
    .where('id', '=', 1)
    .returning(['lastSeq', 'lastHash'])
    .executeTakeFirstOrThrow();
  return { firstSeq: head.lastSeq - count + 1, prevHash: head.lastHash };
}

export async function appendAuditRows(db: DbExecutor, rows: AuditRow[]): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  // Chunked so PostgreSQL's 65535-parameter limit is never reached.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('auditLog')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await db.updateTable('auditHead').set({ lastHash: last.hash }).where('id', '=', 1).execute();
}

export function readAuditHead(db: DbExecutor) {
  return db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export function readAuditPage(db: DbExecutor, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('auditLog').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: string | undefined;
  projectId?: string | undefined;
  beforeSeq?: number | undefined;
  /** Only rows of these projects (a supervisor of some projects); absent or 'all' for every row */
  projects?: readonly string[] | 'all' | undefined;
  limit: number;
}

export function queryAudit(db: DbExecutor, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('auditLog').selectAll();
  if (q.entityType) query = query.where('entityType', '=', q.entityType);
  if (q.entityId) query = query.where('entityId', '=', q.entityId);
  if (q.projectId) query = query.where('projectId', '=', q.projectId);
  if (q.projects && q.projects !== 'all')
    query = q.projects.length > 0 ? query.where('projectId', 'in', q.projects) : query.where(sql<boolean>`false`);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  return query.orderBy('seq', 'desc').limit(q.limit).execute();
}
