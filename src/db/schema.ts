import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Flagged } from './flags.js';

/**
 * Table shapes as Kysely sees them (CamelCasePlugin maps to the snake_case columns): flags are the
 * stored 0/1. The row types at the end are what repositories hand out and take: flags as booleans.
 */
export interface StaffTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  /** JSON array of role names */
  roles: string;
  active: number;
  /** 1: serves every project; else only those in staff_projects (administrators serve all anyway) */
  allProjects: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface StaffProjectsTable {
  staffId: string;
  projectId: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions */
  id: string;
  staffId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ProjectsTable {
  id: string;
  code: string;
  name: string;
  officeName: string;
  settlementRules: string;
  transitionRules: string;
  /** JSON array of the papers 材料审核 requires */
  documentChecklist: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface ZonesTable {
  id: string;
  projectId: string;
  name: string;
  createdAt: string;
}

export interface BuildingsTable {
  id: string;
  projectId: string;
  zoneId: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  totalAreaCenti: number;
  createdAt: string;
}

export interface EntrancesTable {
  id: string;
  buildingId: string;
  number: number;
}

export interface UnitsTable {
  id: string;
  projectId: string;
  buildingId: string;
  entranceId: string;
  floor: number;
  room: string;
  layout: string;
  buildingAreaCenti: number;
  status: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdsTable {
  id: string;
  projectId: string;
  code: string;
  phone: string | null;
  demolishedAreaCenti: number;
  entitledAreaCenti: number;
  compensationAgreementNo: string | null;
  compensationSignedAt: string | null;
  transitionStartDate: string | null;
  isElderly: number;
  isDisabled: number;
  isLowIncome: number;
  notes: string;
  status: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdMembersTable {
  id: string;
  householdId: string;
  projectId: string;
  ordinal: number;
  name: string;
  idNumber: string;
  relation: string;
  phone: string | null;
  isHead: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastSeq: number;
  lastHash: string;
}

/** A checkpoint of the audit chain that was published; see migrations/20261203T0900_audit_checkpoints.ts */
export interface AuditCheckpointsTable {
  id: string;
  seq: number;
  hash: string;
  at: string;
  purpose: string;
  /** HMAC-SHA256 under ANJU_AUDIT_HMAC_KEY; null when no key was configured */
  hmac: string | null;
}

export interface AllocationRoundsTable {
  id: string;
  projectId: string;
  name: string;
  /** lottery | signing_time | imported */
  orderMethod: string;
  /** open → committed (lottery) → ordered → closed */
  status: string;
  rules: string;
  listHash: string | null;
  commitment: string | null;
  /** Kept from the public until the draw reveals it. */
  secret: string | null;
  publicValue: string | null;
  seed: string | null;
  committedAt: string | null;
  orderedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RoundHouseholdsTable {
  id: string;
  roundId: string;
  householdId: string;
  selectionOrder: number | null;
  batch: number | null;
  flatsAllowed: Generated<number>;
  flatsTaken: Generated<number>;
  /** waiting | absent | done | forfeited */
  status: Generated<string>;
  /** An absent household that came back picks after the end of this batch. */
  returnedInBatch: number | null;
}

export interface RoundUnitsTable {
  roundId: string;
  unitId: string;
}

export interface SelectionsTable {
  id: string;
  roundId: string;
  householdId: string;
  unitId: string;
  settlement: string;
  selectedAt: string;
  selectedBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
}

export interface RoundBatchesTable {
  roundId: string;
  number: number;
  openedAt: string;
  openedBy: string;
}

export interface DeskSessionsTable {
  id: string;
  projectId: string;
  staffId: string;
  deskNumber: string;
  stage: string;
  startedAt: string;
  endedAt: string | null;
}

export interface WorkflowsTable {
  id: string;
  roundId: string;
  householdId: string;
  batch: number;
  /** Place in the round's order: the queue number called on the hall screen. */
  position: number;
  arrivedAt: string;
  absent: number;
  /** Kept with every stage change so a desk finds its next household by index, not by replaying records. */
  nextStage: string | null;
  calledStage: string | null;
  calledDesk: string | null;
  calledAt: string | null;
  calledBy: string | null;
  doneAt: string | null;
  /** Why it is away (absent = 1): returned | no_show | passed | absent; null when present. */
  awayReason: string | null;
  /** The stage it was at when it went away. */
  awayStage: string | null;
}

export interface StageRecordsTable {
  id: string;
  workflowId: string;
  householdId: string;
  stage: string;
  /** completed | returned */
  outcome: string;
  data: string;
  staffId: string;
  staffName: string;
  deskNumber: string;
  calledAt: string | null;
  at: string;
  idempotencyKey: string | null;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
}

export interface CountersTable {
  projectId: string;
  name: string;
  value: number;
}

export interface AgreementsTable {
  id: string;
  projectId: string;
  roundId: string;
  householdId: string;
  number: string;
  /** issued (printed, awaiting the signed copy) | signed | voided */
  status: string;
  signedAt: string;
  signedBy: string;
  templateVersion: string | null;
  /** sha256 of the agreement's printed facts: the QR code carries it, the verify page compares it */
  contentHash: string | null;
  pdfDocumentId: string | null;
  pdfSha256: string | null;
  signedCopyDocumentId: string | null;
  signedCopySha256: string | null;
  signedCopyAt: string | null;
  signedCopyBy: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** The voided agreement this one was regenerated from */
  replacesId: string | null;
}

export interface KeyReturnsTable {
  id: string;
  workflowId: string;
  householdId: string;
  /** The 领取钥匙 record whose keys came back: one return per handover. */
  handoverRecordId: string;
  keys: number;
  accessCards: number;
  note: string | null;
  receivedBy: string;
  receivedAt: string;
}

export interface ForfeitsTable {
  id: string;
  roundId: string;
  householdId: string;
  /** forfeit (放弃选房) | deemed (视为放弃) | cash (货币补偿) */
  kind: string;
  reason: string;
  statementDocumentId: string | null;
  recordedAt: string;
  recordedBy: string;
  reinstatedAt: string | null;
  reinstatedBy: string | null;
  reinstateReason: string | null;
}

export interface LoginFailuresTable {
  /** user:<lower-case username> | addr:<address> */
  subject: string;
  failures: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** No attempt is hashed before this time (a growing delay, never a lock-out) */
  nextAllowedAt: string | null;
}

export interface DocumentsTable {
  id: string;
  /** agreement | signed_copy | receipt */
  kind: string;
  contentType: string;
  sha256: string;
  size: number;
  bytes: Buffer;
  createdAt: string;
  createdBy: string;
}

export interface Database {
  staff: StaffTable;
  staffProjects: StaffProjectsTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  zones: ZonesTable;
  buildings: BuildingsTable;
  entrances: EntrancesTable;
  units: UnitsTable;
  households: HouseholdsTable;
  householdMembers: HouseholdMembersTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  auditCheckpoints: AuditCheckpointsTable;
  allocationRounds: AllocationRoundsTable;
  roundHouseholds: RoundHouseholdsTable;
  roundUnits: RoundUnitsTable;
  selections: SelectionsTable;
  roundBatches: RoundBatchesTable;
  deskSessions: DeskSessionsTable;
  workflows: WorkflowsTable;
  stageRecords: StageRecordsTable;
  counters: CountersTable;
  agreements: AgreementsTable;
  documents: DocumentsTable;
  keyReturns: KeyReturnsTable;
  forfeits: ForfeitsTable;
  loginFailures: LoginFailuresTable;
}

type StaffFlag = 'active' | 'allProjects';
type HouseholdFlag = 'isElderly' | 'isDisabled' | 'isLowIncome';

export type StaffRow = Flagged<Selectable<StaffTable>, StaffFlag>;
export type ProjectRow = Selectable<ProjectsTable>;
export type BuildingRow = Selectable<BuildingsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type NewUnit = Insertable<UnitsTable>;
/** A flat as a sheet or a form gives it: ids and times are added when it is stored. */
export type UnitDraft = Omit<NewUnit, 'id' | 'projectId' | 'createdAt' | 'updatedAt'>;
export type HouseholdRow = Flagged<Selectable<HouseholdsTable>, HouseholdFlag>;
/** A household as the table holds it, flags as 0/1: the shape its audit rows have always recorded. */
export type StoredHousehold = Insertable<HouseholdsTable>;
export type NewHousehold = Flagged<Insertable<HouseholdsTable>, HouseholdFlag>;
export type HouseholdUpdate = Flagged<Updateable<HouseholdsTable>, HouseholdFlag>;
export type MemberRow = Flagged<Selectable<HouseholdMembersTable>, 'isHead'>;
export type NewMember = Flagged<Insertable<HouseholdMembersTable>, 'isHead'>;
export type AuditRow = Selectable<AuditLogTable>;
export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;
export type RoundRow = Selectable<AllocationRoundsTable>;
export type RoundHouseholdRow = Selectable<RoundHouseholdsTable>;
export type SelectionRow = Selectable<SelectionsTable>;
export type WorkflowRow = Flagged<Selectable<WorkflowsTable>, 'absent'>;
export type StageRecordRow = Selectable<StageRecordsTable>;
export type DeskSessionRow = Selectable<DeskSessionsTable>;
export type AgreementRow = Selectable<AgreementsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type KeyReturnRow = Selectable<KeyReturnsTable>;
export type ForfeitRow = Selectable<ForfeitsTable>;
export type LoginFailureRow = Selectable<LoginFailuresTable>;
