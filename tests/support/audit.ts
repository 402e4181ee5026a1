import type { FastifyInstance } from 'fastify';
import type { AuditAction } from '../../src/audit/audit-actions.js';
import type { DbExecutor } from '../../src/db/create-db.js';

/**
 * Audit rows in the log, counted straight from the table: all of them, or only those of the
 * actions named. Actions are typed, so a test counting an action no code writes does not compile.
 */
export async function auditCount(db: DbExecutor, ...actions: AuditAction[]): Promise<number> {
  let query = db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n'));
  if (actions.length > 0) query = query.where('action', 'in', actions);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Rows per action, for the actions named that have any (an action with none is left out). */
export async function auditCountsByAction(
  db: DbExecutor,
  ...actions: AuditAction[]
): Promise<Partial<Record<AuditAction, number>>> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
    .where('action', 'in', actions)
    .groupBy('action')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.action, Number(row.n)]));
}

export interface AuditLogRow {
  seq: number;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
}

/** The whole log as a manager reads it over HTTP (`GET /api/audit`, newest first, page by page), oldest first. */
export async function readAuditLog(app: FastifyInstance, cookie: string): Promise<AuditLogRow[]> {
  const rows: AuditLogRow[] = [];
  for (let beforeSeq: number | undefined; ; ) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit?limit=500${beforeSeq === undefined ? '' : `&beforeSeq=${beforeSeq}`}`,
      headers: { cookie },
    });
    if (res.statusCode !== 200) throw new Error(`audit: ${res.statusCode} ${res.body}`);
    const page = res.json<AuditLogRow[]>();
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < 500 || !last) return rows.reverse();
    beforeSeq = last.seq;
  }
}
