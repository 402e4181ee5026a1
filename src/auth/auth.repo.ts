import type { DbExecutor } from '../db/create-db.js';
import type { StaffRow } from '../db/schema.js';

export function findStaffByUsername(db: DbExecutor, username: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findStaffById(db: DbExecutor, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listStaff(db: DbExecutor): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('username').execute();
}

export async function countStaff(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(db: DbExecutor, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function updateStaff(
  db: DbExecutor,
  id: string,
  changes: Partial<Pick<StaffRow, 'displayName' | 'passwordHash' | 'roles' | 'active' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('staff').set(changes).where('id', '=', id).execute();
}

export async function insertSession(
  db: DbExecutor,
  row: { id: string; staffId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findLiveSession(db: DbExecutor, sessionId: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staffId')
    .select([
      'staff.id as staffId',
      'staff.username',
      'staff.displayName',
      'staff.roles',
      'staff.active',
      'staff.allProjects',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expiresAt', '>', nowIso)
    .executeTakeFirst();
}

export async function deleteSession(db: DbExecutor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfStaff(db: DbExecutor, staffId: string): Promise<void> {
  await db.deleteFrom('sessions').where('staffId', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: DbExecutor, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', nowIso).execute();
}
