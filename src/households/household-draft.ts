/** A household as validated input, before it has ids: what import and the create form both produce. */
export interface MemberDraft {
  name: string;
  idNumber: string;
  relation: string;
  phone: string | null;
  isHead: boolean;
}

export interface HouseholdDraft {
  code: string;
  phone: string | null;
  demolishedAreaCenti: number;
  entitledAreaCenti: number;
  compensationAgreementNo: string | null;
  compensationSignedAt: string | null;
  transitionStartDate: string | null;
  isElderly: boolean;
  isDisabled: boolean;
  isLowIncome: boolean;
  notes: string;
  members: MemberDraft[];
}

export const HEAD_RELATIONS = ['户主', '本人'];
export const isHeadRelation = (relation: string): boolean => HEAD_RELATIONS.includes(relation);

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    householdDraft: HouseholdDraft;
  }
}
