import type { BuildingRow, DeskSessionRow, NewUnit, StoredHousehold } from '../db/schema.js';
import type { Checkpoint } from './checkpoint.js';

/**
 * The shapes that belong to the features writing them (a project, a staff account, a round, a stage…).
 * Each feature adds its own to this interface by module augmentation beside its type, so this file and
 * the audit folder import nothing from the features that import them (no cycle, not even type-only).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation in the owning features
export interface AuditSnapshots {}
type Snapshot = AuditSnapshots;

/** What an audit row is about; `entityId` is that thing's id (a login subject for `login`). */
export type AuditEntityType = 'building' | 'household' | 'login' | 'project' | 'round' | 'staff' | 'unit';

/** Why a household left the line on the day (a workflow's away reason and the stage it left at). */
interface AwayFrom {
  away: string | null;
  stage: string | null;
}

interface StoredFile {
  sha256: string;
  contentType: string;
  size: number;
}

/** A desk's own record of a stage: what was checked, and where the household stands after it. */
interface StageOutcome {
  stage: Snapshot['stage'];
  desk: string;
  data: Record<string, unknown>;
  status: string;
}

/** A desk sending a household back from its stage by hand, with the papers it lacks. */
interface StageReturnByHand {
  stage: Snapshot['stage'];
  desk: string;
  reason: string;
  missing: string[];
}

/** The line as it stood before a move: the sign-in on a day served at desks, the round's place otherwise. */
export type TurnMoveBefore =
  | { absent: boolean; away: string | null; calledStage: string | null; calledDesk: string | null }
  | { status: string };

interface TurnMove {
  entityType: 'household';
  before: TurnMoveBefore;
  after: { roundId: string; reason: string };
}

/**
 * What each action's row holds: the entity it names, and what `before` and `after` carry (stored as
 * JSON; absent ones are stored as null). The row's hash covers that JSON, so a shape here is a promise
 * about rows already written: change one only together with every reader of the old rows.
 */
export interface AuditPayloads {
  'agreement.generate': {
    entityType: 'household';
    after: { agreementId: string; number: string; sha256: string; templateVersion: string; size: number };
  };
  'agreement.regenerate': {
    entityType: 'household';
    before: { number: string; status: string };
    after: { number: string; voided: string; reason: string };
  };
  'agreement.resident_download': {
    entityType: 'household';
    after: { number: string; signedCopy: boolean; ip: string };
  };
  'agreement.signed_copy': {
    entityType: 'household';
    before: { status: string; signedCopySha256: string | null };
    after: StoredFile & { number: string };
  };
  'agreement.void': {
    entityType: 'household';
    before: { number: string; status: string };
    after: { voidedAt: string; reason: string };
  };
  'audit.closing_report': {
    entityType: 'project';
    after: { date: string; checkpoint: Checkpoint; rounds: Snapshot['roundDayCounts'][] };
  };
  'auth.failures_cleared': { entityType: 'login'; before: { failures: number; nextAllowedAt: string | null } };
  'auth.login': { entityType: 'staff' };
  'building.create': {
    entityType: 'building';
    after: BuildingRow & { zoneName: string; entranceCount: number };
  };
  'day.arrive': {
    entityType: 'household';
    after: { roundId: string; by: string; position: number | null; batch: number | null };
  };
  'day.arrive_again': { entityType: 'household'; before: AwayFrom; after: { roundId: string; by: string } };
  'day.batch_open': { entityType: 'round'; after: { batch: number } };
  'day.call': {
    entityType: 'household';
    after: { stage: Snapshot['stage']; desk: string; position: number | null; announcement: string | null };
  };
  'day.no_show': { entityType: 'household'; after: { stage: string; desk: string } };
  'day.recall': { entityType: 'household'; before: AwayFrom; after: { roundId: string } };
  'desk.sign_in': { entityType: 'staff'; after: DeskSessionRow };
  'household.create': { entityType: 'household'; after: Snapshot['householdDraft'] & { source: string } };
  'household.update': { entityType: 'household'; before: StoredHousehold; after: StoredHousehold & { reason: string } };
  'import.households': {
    entityType: 'project';
    after: { fileSha256: string; households: number | undefined; members: number | undefined; dataRows: number };
  };
  'import.units': { entityType: 'project'; after: { fileSha256: string; units: number } };
  'keys.return': {
    entityType: 'household';
    /** As the 领取钥匙 record has them: counts it lacks are left out. */
    before: { keys: number | undefined; accessCards: number | undefined };
    after: { keys: number; accessCards: number; note: string | null };
  };
  'project.create': { entityType: 'project'; after: Snapshot['project'] };
  'project.update': {
    entityType: 'project';
    before: Snapshot['project'];
    after: Snapshot['project'] & { reason: string };
  };
  'round.auto_allocate': { entityType: 'round'; after: Snapshot['autoAllocation'] };
  'round.close': {
    entityType: 'round';
    before: { status: 'ordered' };
    after: Snapshot['roundClose'] & { status: 'closed'; reason: string };
  };
  /** Only the secret's hash: the log must not reveal the secret before the draw. */
  'round.commit': { entityType: 'round'; after: { listHash: string; commitment: string; households: number } };
  'round.create': { entityType: 'round'; after: Snapshot['round'] };
  'round.draw': {
    entityType: 'round';
    after: { algorithm: string; publicValue: string; secret: string | null; seed: string; order: string[] };
  };
  'round.forfeit': {
    entityType: 'household';
    before: { status: string };
    after: { roundId: string; forfeitId: string | undefined; kind: Snapshot['forfeitKind']; reason: string };
  };
  'round.forfeit_statement': {
    entityType: 'household';
    before: { statementDocumentId: string | null };
    after: StoredFile & { forfeitId: string };
  };
  'round.membership': {
    entityType: 'round';
    before: { households: number; units: number };
    after: {
      units: number;
      households: Snapshot['roundMembership']['households'];
      unitIds: Snapshot['roundMembership']['unitIds'];
    };
  };
  'round.order': { entityType: 'round'; after: { method: string; order: string[] } };
  'round.reinstate': {
    entityType: 'household';
    before: { forfeitId: string; kind: string };
    after: { roundId: string; reason: string };
  };
  'selection.create': {
    entityType: 'household';
    after: {
      selectionId: string;
      roundId: string;
      unitId: string;
      unit: string;
      buildingAreaCenti: number;
      totalFen: number;
    };
  };
  'selection.undo': {
    entityType: 'household';
    before: {
      selectionId: string;
      unitId: string;
      unit: string;
      agreement: string | null;
      stages: Snapshot['stage'][];
    };
    after: { reason: string; backTo: 'selection' };
  };
  'staff.create': { entityType: 'staff'; after: Snapshot['staff'] };
  'staff.update': {
    entityType: 'staff';
    before: Snapshot['staff'];
    after: Snapshot['staff'] & { passwordChanged: boolean };
  };
  'stage.complete': { entityType: 'household'; after: StageOutcome };
  'stage.reopen': {
    entityType: 'household';
    before: { completed: Snapshot['stage'][] };
    after: { reopened: Snapshot['stage']; voided: Snapshot['stage'][]; reason: string };
  };
  'stage.return': { entityType: 'household'; after: StageOutcome | StageReturnByHand };
  'turn.bring_back': TurnMove;
  'turn.mark_absent': TurnMove;
  'turn.pass': TurnMove;
  'unit.create': { entityType: 'unit'; after: NewUnit };
}
