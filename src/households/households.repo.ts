import type { DbExecutor } from '../db/create-db.js';
import type { HouseholdRow, HouseholdUpdate, MemberRow, NewHousehold, NewMember } from '../db/schema.js';

const CHUNK = 500;

export async function insertHouseholdsWithMembers(db: DbExecutor, households: NewHousehold[], members: NewMember[]) {
  for (let i = 0; i < households.length; i += CHUNK) {
    await db
      .insertInto('households')
      .values(households.slice(i, i + CHUNK))
      .execute();
  }
  for (let i = 0; i < members.length; i += CHUNK) {
    await db
      .insertInto('householdMembers')
      .values(members.slice(i, i + CHUNK))
      .execute();
  }
}

export async function existingCodes(db: DbExecutor, projectId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('households').select('code').where('projectId', '=', projectId).execute();
  return new Set(rows.map((r) => r.code));
}

export async function existingIdNumbers(db: DbExecutor, projectId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('householdMembers').select('idNumber').where('projectId', '=', projectId).execute();
  return new Set(rows.map((r) => r.idNumber));
}

export function findHousehold(db: DbExecutor, id: string): Promise<HouseholdRow | undefined> {
  return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
}

export function membersOf(db: DbExecutor, householdIds: string[]): Promise<MemberRow[]> {
  if (householdIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('householdMembers')
    .selectAll()
    .where('householdId', 'in', householdIds)
    .orderBy('householdId')
    .orderBy('ordinal')
    .execute();
}

export interface HouseholdSearch {
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function searchHouseholds(db: DbExecutor, projectId: string, search: HouseholdSearch) {
  let query = db.selectFrom('households').selectAll().where('projectId', '=', projectId);
  if (search.q) {
    const q = search.q;
    query = query.where((eb) =>
      eb.or([
        eb('code', '=', q),
        eb.exists(
          eb
            .selectFrom('householdMembers')
            .select('householdMembers.id')
            .whereRef('householdMembers.householdId', '=', 'households.id')
            .where((m) => m.or([m('householdMembers.name', '=', q), m('householdMembers.idNumber', '=', q)])),
        ),
      ]),
    );
  }
  return query.orderBy('code').limit(search.limit).offset(search.offset).execute();
}

export async function countHouseholds(db: DbExecutor, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listProjectHouseholds(db: DbExecutor, projectId: string): Promise<HouseholdRow[]> {
  return db.selectFrom('households').selectAll().where('projectId', '=', projectId).orderBy('code').execute();
}

export async function updateHousehold(db: DbExecutor, id: string, changes: HouseholdUpdate): Promise<void> {
  await db.updateTable('households').set(changes).where('id', '=', id).execute();
}

/** 户号 and head's name of some households: what a call shows. */
export function householdSummaries(db: DbExecutor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('households')
    .leftJoin('householdMembers', (join) =>
      join.onRef('householdMembers.householdId', '=', 'households.id').on('householdMembers.isHead', '=', 1),
    )
    .select(['households.id', 'households.code', 'householdMembers.name as headName'])
    .where('households.id', 'in', ids)
    .execute();
}

/** Every member's name in a project with its household's code, in household then member order. */
export function projectMemberNames(db: DbExecutor, projectId: string) {
  return db
    .selectFrom('householdMembers')
    .innerJoin('households', 'households.id', 'householdMembers.householdId')
    .select(['households.id as householdId', 'households.code', 'householdMembers.name', 'householdMembers.isHead'])
    .where('households.projectId', '=', projectId)
    .orderBy('households.code')
    .orderBy('householdMembers.ordinal')
    .execute();
}
