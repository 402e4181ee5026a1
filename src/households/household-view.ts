import type { HouseholdRow, MemberRow } from '../db/schema.js';
import { formatCenti } from '../shared/area.js';
import { maskIdNumber } from '../shared/masking.js';

export interface MemberView {
  name: string;
  idNumber: string;
  relation: string;
  phone: string | null;
  isHead: boolean;
}

export interface HouseholdView {
  id: string;
  projectId: string;
  code: string;
  headName: string;
  phone: string | null;
  demolishedArea: string;
  entitledArea: string;
  compensationAgreementNo: string | null;
  compensationSignedAt: string | null;
  transitionStartDate: string | null;
  flags: { elderly: boolean; disabled: boolean; lowIncome: boolean };
  notes: string;
  status: string;
  members: MemberView[];
  createdAt: string;
  updatedAt: string;
}

/** `revealIds`: whether the viewer reads full ID numbers (`seesFullIdNumbers`); else they go masked. */
export function toHouseholdView(row: HouseholdRow, members: MemberRow[], revealIds: boolean): HouseholdView {
  const head = members.find((m) => m.isHead);
  return {
    id: row.id,
    projectId: row.projectId,
    code: row.code,
    headName: head?.name ?? '',
    phone: row.phone,
    demolishedArea: formatCenti(row.demolishedAreaCenti),
    entitledArea: formatCenti(row.entitledAreaCenti),
    compensationAgreementNo: row.compensationAgreementNo,
    compensationSignedAt: row.compensationSignedAt,
    transitionStartDate: row.transitionStartDate,
    flags: { elderly: row.isElderly, disabled: row.isDisabled, lowIncome: row.isLowIncome },
    notes: row.notes,
    status: row.status,
    members: members.map((m) => ({
      name: m.name,
      idNumber: revealIds ? m.idNumber : maskIdNumber(m.idNumber),
      relation: m.relation,
      phone: m.phone,
      isHead: m.isHead,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function groupMembers(members: MemberRow[]): Map<string, MemberRow[]> {
  const byHousehold = new Map<string, MemberRow[]>();
  for (const m of members) {
    const list = byHousehold.get(m.householdId);
    if (list) list.push(m);
    else byHousehold.set(m.householdId, [m]);
  }
  return byHousehold;
}
