import type { Stage } from '../../../src/checkin/stages.js';

/**
 * The oracle: a small model of one allocation day kept by the test itself. It borrows only the
 * app's type names; every rule below is written again from the README and the issue's API text,
 * so a rule the app gets wrong is not also the rule the test expects.
 */
export const STAGES = [
  'documentReview',
  'idCheck',
  'selection',
  'signing',
  'propertyRegistration',
  'keyHandover',
] as const satisfies readonly Stage[];

export const stageIndex = (stage: Stage): number => STAGES.indexOf(stage);

export type Away = 'returned' | 'no_show' | 'passed' | 'absent';

export interface Flat {
  unitId: string;
  selectionId: string;
  /** Chosen at the 选房 desk (a stage record), or held before the day (no 选房 record). */
  viaDesk: boolean;
}

export interface HouseholdModel {
  id: string;
  code: string;
  headId: string;
  members: number;
  position: number;
  batch: number;
  workflowId: string | null;
  away: Away | null;
  called: { stage: Stage; desk: string } | null;
  completed: Set<Stage>;
  flat: Flat | null;
  /** The number of its live agreement: it stands exactly while 协议签订 stands. */
  agreement: string | null;
  /** Keys and cards counted out at the live 领取钥匙, and whether their return is recorded. */
  keysHanded: { keys: number; accessCards: number } | null;
  keysBack: boolean;
  forfeited: 'forfeit' | 'cash' | null;
}

export interface Desk {
  stage: Stage;
  number: string;
  cookie: string;
}

export interface DayModel {
  households: HouseholdModel[];
  openBatches: Set<number>;
  desks: Desk[];
  /** Agreement numbers voided during the sequence; each is looked up on the public verify page. */
  voided: string[];
}

/** Where the household goes next: the first stage not done, 选房 only while it holds no flat chosen elsewhere. */
export function nextStageOf(h: HouseholdModel): Stage | null {
  if (h.forfeited !== null || h.workflowId === null) return null;
  const needsSelection = h.completed.has('selection') || h.flat === null;
  return STAGES.find((s) => !h.completed.has(s) && (s !== 'selection' || needsSelection)) ?? null;
}

/** Ready for a desk of `stage`: signed in, present, not given up, its next stage, not at a desk, its batch open. */
export function isReady(model: DayModel, h: HouseholdModel, stage: Stage): boolean {
  return (
    h.workflowId !== null &&
    h.away === null &&
    h.forfeited === null &&
    h.called === null &&
    model.openBatches.has(h.batch) &&
    nextStageOf(h) === stage
  );
}

/** Whom a free desk of `stage` must call: the first ready household by batch, then position (for 选房: in order). */
export function expectedCall(model: DayModel, stage: Stage): HouseholdModel | null {
  const inOrder = [...model.households].sort((a, b) => a.batch - b.batch || a.position - b.position);
  return inOrder.find((h) => isReady(model, h, stage)) ?? null;
}

export const atDesk = (model: DayModel, desk: Desk): HouseholdModel | undefined =>
  model.households.find((h) => h.called?.desk === desk.number && h.called.stage === desk.stage);

/** 过号 and a direct selection are for the household whose turn it is, or one sitting at a 选房 desk. */
export const mayChooseNow = (model: DayModel, h: HouseholdModel): boolean =>
  expectedCall(model, 'selection') === h || h.called?.stage === 'selection';

/**
 * Voids `from` and every later completed stage (keeping 选房 when asked: a reopen does, an undo
 * does not); the agreement goes with 协议签订 and the key return with 领取钥匙.
 */
export function voidFrom(model: DayModel, h: HouseholdModel, from: Stage, keepSelection: boolean): void {
  for (const stage of STAGES.slice(stageIndex(from))) {
    if (keepSelection && stage === 'selection') continue;
    h.completed.delete(stage);
  }
  if (!h.completed.has('signing') && h.agreement) {
    model.voided.push(h.agreement);
    h.agreement = null;
  }
  if (!h.completed.has('keyHandover')) {
    h.keysBack = false;
    h.keysHanded = null;
  }
}

/** A desk's call that no longer fits the household's next stage is dropped (what undo does; see F3 for reopen). */
export function dropStaleCall(h: HouseholdModel): void {
  if (h.called && h.called.stage !== nextStageOf(h)) h.called = null;
}

export const describe = (h: HouseholdModel): string =>
  `#${h.position}(${h.code}) next=${nextStageOf(h) ?? '-'} away=${h.away ?? '-'} called=${h.called ? `${h.called.stage}@${h.called.desk}` : '-'} done=[${[...h.completed].join(',')}] flat=${h.flat ? (h.flat.viaDesk ? 'desk' : 'pre') : '-'}${h.forfeited ? ` forfeited=${h.forfeited}` : ''}`;
