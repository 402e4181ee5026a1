import type { Selectable } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';
import { fromStoredFlag, toStoredFlag, toStoredFlagIfGiven } from '../db/flags.js';
import type {
  HouseholdMembersTable,
  HouseholdRow,
  HouseholdsTable,
  HouseholdUpdate,
  MemberRow,
  NewHousehold,
  NewMember,
  StoredHousehold,
} from '../db/schema.js';

const CHUNK = 500;

const householdFromStorage = (row: Selectable<HouseholdsTable>): HouseholdRow => ({
  ...row,
  isElderly: fromStoredFlag(row.isElderly),
  isDisabled: fromStoredFlag(row.isDisabled),
  isLowIncome: fromStoredFlag(row.isLowIncome),
});

const memberFromStorage = (row: Selectable<HouseholdMembersTable>): MemberRow => ({
  ...row,
  isHead: fromStoredFlag(row.isHead),
});

/**
 * The household as the table holds it, flags as 0/1. Audit rows of `household.update` have always
 * quoted the row this way, and the audit log and the timeline show them as written.
 */
export const householdAsStored = (row: NewHousehold): StoredHousehold => ({
  ...row,
  isElderly: toStoredFlag(row.isElderly),
  isDisabled: toStoredFlag(row.isDisabled),
  isLowIncome: toStoredFlag(row.isLowIncome),
});

export async function insertHouseholdsWithMembers(db: DbExecutor, households: NewHousehold[], members: NewMember[]) {
  for (let i = 0; i < households.length; i += CHUNK) {
    await db
      .insertInto('households')
      .values(households.slice(i, i + CHUNK).map(householdAsStored))
      .execute();
  }
  for (let i = 0; i < members.length; i += CHUNK) {
    await db
      .insertInto('householdMembers')
      .values(members.slice(i, i + CHUNK).map((m) => ({ ...m, isHead: toStoredFlag(m.isHead) })))
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

export async function findHousehold(db: DbExecutor, id: string): Promise<HouseholdRow | undefined> {
  const row = await db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  return row && householdFromStorage(row);
}

export async function membersOf(db: DbExecutor, householdIds: string[]): Promise<MemberRow[]> {
  if (householdIds.length === 0) return [];
  const rows = await db
    .selectFrom('householdMembers')
    .selectAll()
    .where('householdId', 'in', householdIds)
    .orderBy('householdId')
    .orderBy('ordinal')
    .execute();
  return rows.map(memberFromStorage);
}

export interface HouseholdSearch {
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** The households of a project that a search matches: by 户号, or by a member's name or ID number. */
function matchingHouseholds(db: DbExecutor, projectId: string, q: string | undefined) {
  const query = db.selectFrom('households').where('projectId', '=', projectId);
  if (!q) return query;
  return query.where((eb) =>
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

export async function searchHouseholds(
  db: DbExecutor,
  projectId: string,
  search: HouseholdSearch,
): Promise<HouseholdRow[]> {
  const rows = await matchingHouseholds(db, projectId, search.q)
    .selectAll()
    .orderBy('code')
    .limit(search.limit)
    .offset(search.offset)
    .execute();
  return rows.map(householdFromStorage);
}

/** How many households the search matches (all of the project's without `q`), however many a page shows. */
export async function countHouseholds(db: DbExecutor, projectId: string, q?: string): Promise<number> {
  const row = await matchingHouseholds(db, projectId, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listProjectHouseholds(db: DbExecutor, projectId: string): Promise<HouseholdRow[]> {
  const rows = await db
    .selectFrom('households')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('code')
    .execute();
  return rows.map(householdFromStorage);
}

export async function updateHousehold(db: DbExecutor, id: string, changes: HouseholdUpdate): Promise<void> {
  await db
    .updateTable('households')
    .set({
      ...changes,
      isElderly: toStoredFlagIfGiven(changes.isElderly),
      isDisabled: toStoredFlagIfGiven(changes.isDisabled),
      isLowIncome: toStoredFlagIfGiven(changes.isLowIncome),
    })
    .where('id', '=', id)
    .execute();
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
export async function projectMemberNames(db: DbExecutor, projectId: string) {
  const rows = await db
    .selectFrom('householdMembers')
    .innerJoin('households', 'households.id', 'householdMembers.householdId')
    .select(['households.id as householdId', 'households.code', 'householdMembers.name', 'householdMembers.isHead'])
    .where('households.projectId', '=', projectId)
    .orderBy('households.code')
    .orderBy('householdMembers.ordinal')
    .execute();
  return rows.map((row) => ({ ...row, isHead: fromStoredFlag(row.isHead) }));
}
