import type { DbExecutor } from '../db/create-db.js';
import type { AuditCheckpointRow } from '../db/schema.js';

export async function insertCheckpoint(db: DbExecutor, row: AuditCheckpointRow): Promise<void> {
  await db.insertInto('auditCheckpoints').values(row).execute();
}

/** Stored checkpoints in id order, a page at a time, so a long-lived project's list never sits in memory whole. */
export function readCheckpointPage(
  db: DbExecutor,
  afterId: string | null,
  limit: number,
): Promise<AuditCheckpointRow[]> {
  let query = db.selectFrom('auditCheckpoints').selectAll();
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** The stored hash of each of these audit rows; a seq with no row is absent from the map. */
export async function auditHashesAt(db: DbExecutor, seqs: readonly number[]): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  const wanted = [...new Set(seqs)];
  // Chunked so PostgreSQL's parameter limit is never reached.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .where('seq', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const row of rows) hashes.set(row.seq, row.hash);
  }
  return hashes;
}

/** When the row at `seq` was written; null for seq 0 (the empty chain) or a missing row. */
export async function auditTimeAt(db: DbExecutor, seq: number): Promise<string | null> {
  const row = await db.selectFrom('auditLog').select('at').where('seq', '=', seq).executeTakeFirst();
  return row?.at ?? null;
}
