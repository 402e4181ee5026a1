import type { Selectable } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';
import { fromStoredFlag, toStoredFlag, toStoredFlagIfGiven } from '../db/flags.js';
import type { StaffRow, StaffTable } from '../db/schema.js';

const fromStorage = (row: Selectable<StaffTable>): StaffRow => ({
  ...row,
  active: fromStoredFlag(row.active),
  allProjects: fromStoredFlag(row.allProjects),
});

export async function findStaffByUsername(db: DbExecutor, username: string): Promise<StaffRow | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row && fromStorage(row);
}

export async function findStaffById(db: DbExecutor, id: string): Promise<StaffRow | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromStorage(row);
}

export async function listStaff(db: DbExecutor): Promise<StaffRow[]> {
  return (await db.selectFrom('staff').selectAll().orderBy('username').execute()).map(fromStorage);
}

export async function countStaff(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(db: DbExecutor, row: StaffRow): Promise<void> {
  await db
    .insertInto('staff')
    .values({ ...row, active: toStoredFlag(row.active), allProjects: toStoredFlag(row.allProjects) })
    .execute();
}

export async function updateStaff(
  db: DbExecutor,
  id: string,
  changes: Partial<Pick<StaffRow, 'displayName' | 'passwordHash' | 'roles' | 'active' | 'allProjects' | 'updatedAt'>>,
): Promise<void> {
  await db
    .updateTable('staff')
    .set({
      ...changes,
      active: toStoredFlagIfGiven(changes.active),
      allProjects: toStoredFlagIfGiven(changes.allProjects),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertSession(
  db: DbExecutor,
  row: { id: string; staffId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findLiveSession(db: DbExecutor, sessionId: string, nowIso: string) {
  const row = await db
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
  return row && { ...row, active: fromStoredFlag(row.active), allProjects: fromStoredFlag(row.allProjects) };
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
