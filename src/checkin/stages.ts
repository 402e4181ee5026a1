import type { Role } from '../shared/roles.js';

/** The desks of the day, in order. Selection happens only when the flat is not yet assigned. */
export const stages = [
  'documentReview',
  'idCheck',
  'selection',
  'signing',
  'propertyRegistration',
  'keyHandover',
] as const;
export type Stage = (typeof stages)[number];

export interface StageRule {
  label: string;
  role: Role;
  /** The stage that must be completed first; selection's successor falls back past it when skipped. */
  after: Stage | null;
  /** The household status once this stage is completed. */
  reached: string;
}

/** The transition table: one row a stage. */
export const stageTable: Record<Stage, StageRule> = {
  documentReview: { label: '材料审核', role: 'reviewer', after: null, reached: 'documentsReviewed' },
  idCheck: { label: '身份信息核对', role: 'id_checker', after: 'documentReview', reached: 'idChecked' },
  selection: { label: '选房', role: 'signing_clerk', after: 'idCheck', reached: 'unitSelected' },
  signing: { label: '协议签订', role: 'signing_clerk', after: 'selection', reached: 'agreementSigned' },
  propertyRegistration: { label: '物业登记', role: 'property_clerk', after: 'signing', reached: 'propertyRegistered' },
  keyHandover: { label: '领取钥匙', role: 'key_keeper', after: 'propertyRegistration', reached: 'keysHandedOver' },
};

export const isStage = (value: string): value is Stage => (stages as readonly string[]).includes(value);

/** The stage that must be complete before `stage`, skipping selection when the flat was assigned before the day. */
export function prerequisiteOf(stage: Stage, needsSelection: boolean): Stage | null {
  const after = stageTable[stage].after;
  if (after === 'selection' && !needsSelection) return stageTable.selection.after;
  return after;
}

export type StageRefusal =
  | { kind: 'done'; message: string }
  | { kind: 'notNeeded'; message: string }
  | { kind: 'outOfOrder'; missing: Stage; message: string };

/** Whether `stage` may be completed now, given the completed stages; null when it may. */
export function stageRefusal(
  stage: Stage,
  completed: ReadonlySet<Stage>,
  needsSelection: boolean,
): StageRefusal | null {
  if (completed.has(stage)) return { kind: 'done', message: `${stageTable[stage].label}已办理，不能重复办理` };
  if (stage === 'selection' && !needsSelection) return { kind: 'notNeeded', message: '该户已有安置房源，无需选房' };
  const before = prerequisiteOf(stage, needsSelection);
  if (before && !completed.has(before)) {
    return {
      kind: 'outOfOrder',
      missing: before,
      message: `请先办理“${stageTable[before].label}”，再办理“${stageTable[stage].label}”`,
    };
  }
  return null;
}

/** The next stage the household is waiting for, or null when it is done. */
export function nextStage(completed: ReadonlySet<Stage>, needsSelection: boolean): Stage | null {
  return stages.find((s) => !completed.has(s) && (s !== 'selection' || needsSelection)) ?? null;
}

/** The stages a reopen of `stage` voids with it: itself and every completed stage after it. */
export function stagesFrom(stage: Stage): Stage[] {
  return stages.slice(stages.indexOf(stage));
}

/** The words staff read for a household's status: before the day, signed in, each stage reached, done. */
export const householdStatusLabels: Record<string, string> = {
  registered: '已登记',
  arrived: '已签到',
  documentsReviewed: '材料已审核',
  idChecked: '身份已核对',
  unitSelected: '已选房',
  agreementSigned: '已签约',
  propertyRegistered: '物业已登记',
  keysHandedOver: '已领钥匙',
  done: '已办结',
};

export function householdStatus(completed: ReadonlySet<Stage>, needsSelection: boolean): string {
  const last = [...stages].reverse().find((s) => completed.has(s));
  if (!last) return 'arrived';
  return nextStage(completed, needsSelection) === null ? 'done' : stageTable[last].reached;
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    stage: Stage;
  }
}
