import { createHash } from 'node:crypto';
import type { TestApp } from '../test-app.js';

/**
 * The audit chain checked as it grows: only rows added since the last step are read, so the
 * check stays linear over a long run. The hash is recomputed here from the documented layout
 * (README "Audit log"; one JSON array of the row's fields and the previous hash), not by the
 * app's own function, so the app cannot agree with itself about a wrong hash.
 */
export interface AuditCursor {
  seq: number;
  hash: string;
}

const rowHash = (r: {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
}) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        'anju-audit-v1',
        r.seq,
        r.at,
        r.actorId,
        r.actorName,
        r.action,
        r.entityType,
        r.entityId,
        r.projectId,
        r.beforeJson,
        r.afterJson,
        r.prevHash,
      ]),
      'utf8',
    )
    .digest('hex');

export async function auditHead(t: TestApp): Promise<AuditCursor> {
  const head = await t.deps.db
    .selectFrom('auditHead')
    .select(['lastSeq', 'lastHash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: head.lastSeq, hash: head.lastHash };
}

/** Checks the rows after `cursor` and that the head names the last of them; returns the new cursor or the problem. */
export async function auditSince(
  t: TestApp,
  cursor: AuditCursor,
): Promise<{ cursor: AuditCursor; rows: number; problem: string | null }> {
  const rows = await t.deps.db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>', cursor.seq)
    .orderBy('seq')
    .execute();
  let at = cursor;
  for (const row of rows) {
    if (row.seq !== at.seq + 1)
      return { cursor: at, rows: rows.length, problem: `audit seq ${row.seq} follows ${at.seq}` };
    if (row.prevHash !== at.hash)
      return { cursor: at, rows: rows.length, problem: `audit row ${row.seq} does not link to ${at.seq}` };
    if (rowHash(row) !== row.hash)
      return {
        cursor: at,
        rows: rows.length,
        problem: `audit row ${row.seq} (${row.action}) hash does not match its fields`,
      };
    at = { seq: row.seq, hash: row.hash };
  }
  const head = await auditHead(t);
  if (head.seq !== at.seq || head.hash !== at.hash)
    return { cursor: at, rows: rows.length, problem: `audit head ${head.seq} is not the last row ${at.seq}` };
  return { cursor: at, rows: rows.length, problem: null };
}
