import { randomUUID } from 'node:crypto';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { HouseholdRow, NewHousehold, NewMember } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { requireProject } from '../projects/projects.service.js';
import { seesFullIdNumbers } from '../shared/masking.js';
import type { Actor } from '../shared/roles.js';
import type { HouseholdDraft } from './household-draft.js';
import { groupMembers, type HouseholdView, toHouseholdView } from './household-view.js';
import * as repo from './households.repo.js';

function rowsFor(
  projectId: string,
  draft: HouseholdDraft,
  now: string,
): { household: NewHousehold; members: NewMember[] } {
  const id = randomUUID();
  const household: NewHousehold = {
    id,
    projectId,
    code: draft.code,
    phone: draft.phone,
    demolishedAreaCenti: draft.demolishedAreaCenti,
    entitledAreaCenti: draft.entitledAreaCenti,
    compensationAgreementNo: draft.compensationAgreementNo,
    compensationSignedAt: draft.compensationSignedAt,
    transitionStartDate: draft.transitionStartDate,
    isElderly: draft.isElderly,
    isDisabled: draft.isDisabled,
    isLowIncome: draft.isLowIncome,
    notes: draft.notes,
    createdAt: now,
    updatedAt: now,
  };
  const members = draft.members.map((m, i) => ({
    id: randomUUID(),
    householdId: id,
    projectId,
    ordinal: i + 1,
    name: m.name,
    idNumber: m.idNumber,
    relation: m.relation,
    phone: m.phone,
    isHead: m.isHead,
  }));
  return { household, members };
}

/** Inserts validated drafts and their audit rows in the caller's transaction. */
export async function insertHouseholdDrafts(
  trx: DbExecutor,
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  drafts: HouseholdDraft[],
  source: string,
): Promise<string[]> {
  const now = deps.clock.now().toISOString();
  const households: NewHousehold[] = [];
  const members: NewMember[] = [];
  const audit: AuditEntry[] = [];
  for (const draft of drafts) {
    const rows = rowsFor(projectId, draft, now);
    households.push(rows.household);
    members.push(...rows.members);
    audit.push({
      action: 'household.create',
      entityType: 'household',
      entityId: rows.household.id,
      projectId,
      after: { ...draft, source },
    });
  }
  await repo.insertHouseholdsWithMembers(trx, households, members);
  await recordAudit(trx, deps.clock, actor, audit);
  return households.map((h) => h.id);
}

export async function createHousehold(deps: AppDeps, actor: Actor, projectId: string, draft: HouseholdDraft) {
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireProject(trx, projectId);
    if ((await repo.existingCodes(trx, projectId)).has(draft.code)) {
      throw new AppError('DUPLICATE', `户号“${draft.code}”已存在`, { field: 'code' });
    }
    const known = await repo.existingIdNumbers(trx, projectId);
    const clash = draft.members.findIndex((m) => known.has(m.idNumber));
    if (clash >= 0) {
      throw new AppError('DUPLICATE', '该身份证号已登记在本项目的其他安置户中', { field: `members.${clash}.idNumber` });
    }
    const [newId] = await insertHouseholdDrafts(trx, deps, actor, projectId, [draft], 'form');
    return newId ?? '';
  });
  return getHousehold(deps, actor, id);
}

async function requireHousehold(db: DbExecutor, id: string): Promise<HouseholdRow> {
  const row = await repo.findHousehold(db, id);
  if (!row) throw notFound('安置户', 'id');
  return row;
}

export async function getHousehold(deps: AppDeps, actor: Actor, id: string): Promise<HouseholdView> {
  const row = await requireHousehold(deps.db, id);
  return toHouseholdView(row, await repo.membersOf(deps.db, [id]), seesFullIdNumbers(actor));
}

export async function searchHouseholds(deps: AppDeps, actor: Actor, projectId: string, search: repo.HouseholdSearch) {
  await requireProject(deps.db, projectId);
  const [rows, total] = await Promise.all([
    repo.searchHouseholds(deps.db, projectId, search),
    repo.countHouseholds(deps.db, projectId, search.q),
  ]);
  const members = groupMembers(
    await repo.membersOf(
      deps.db,
      rows.map((r) => r.id),
    ),
  );
  const reveal = seesFullIdNumbers(actor);
  return { total, items: rows.map((r) => toHouseholdView(r, members.get(r.id) ?? [], reveal)) };
}

export type HouseholdChanges = Partial<
  Pick<
    HouseholdRow,
    | 'phone'
    | 'demolishedAreaCenti'
    | 'entitledAreaCenti'
    | 'compensationAgreementNo'
    | 'compensationSignedAt'
    | 'transitionStartDate'
    | 'isElderly'
    | 'isDisabled'
    | 'isLowIncome'
    | 'notes'
  >
>;

/** A correction to a household's file: the reason and the before/after go to the audit log. */
export async function updateHousehold(
  deps: AppDeps,
  actor: Actor,
  id: string,
  changes: HouseholdChanges,
  reason: string,
) {
  await deps.db.transaction().execute(async (trx) => {
    const before = await requireHousehold(trx, id);
    const after: HouseholdRow = { ...before, ...changes, updatedAt: deps.clock.now().toISOString() };
    await repo.updateHousehold(trx, id, { ...changes, updatedAt: after.updatedAt });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'household.update',
        entityType: 'household',
        entityId: id,
        projectId: before.projectId,
        before: repo.householdAsStored(before),
        after: { ...repo.householdAsStored(after), reason },
      },
    ]);
  });
  return getHousehold(deps, actor, id);
}
