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
