import type { DbExecutor } from '../db/create-db.js';
import type { LoginFailureRow } from '../db/schema.js';

export function failuresOf(db: DbExecutor, subjects: string[]): Promise<LoginFailureRow[]> {
  return db.selectFrom('loginFailures').selectAll().where('subject', 'in', subjects).execute();
}

export async function saveFailure(db: DbExecutor, row: LoginFailureRow): Promise<void> {
  await db
    .insertInto('loginFailures')
    .values(row)
    .onConflict((oc) =>
      oc.column('subject').doUpdateSet({
        failures: row.failures,
        firstFailedAt: row.firstFailedAt,
        lastFailedAt: row.lastFailedAt,
        nextAllowedAt: row.nextAllowedAt,
      }),
    )
    .execute();
}

export async function clearFailures(db: DbExecutor, subject: string): Promise<number> {
  const result = await db.deleteFrom('loginFailures').where('subject', '=', subject).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The most recent failures first, for the administrator's list. */
export function recentFailures(db: DbExecutor, limit: number): Promise<LoginFailureRow[]> {
  return db.selectFrom('loginFailures').selectAll().orderBy('lastFailedAt', 'desc').limit(limit).execute();
}
