/**
 * The turn rule for 选房, and the one place it lives. Pure: derived from the round's rows each time.
 *
 * Households choose in selection order. A household whose turn comes but who is not ready for
 * 选房 (not signed in, returned at an earlier desk, a no-show, passed over, marked absent, still at
 * an earlier desk) is passed over (过号): it never holds the desk while another household of the
 * open batches is ready. It keeps its right and chooses as soon as it is ready again, ahead of
 * every household not yet called, never ahead of one already at a 选房 desk. With several 选房
 * desks each calls the first ready household, so households are called in order and choose side
 * by side (the database decides when two want one flat). A household that gave up (放弃, 视为放弃,
 * 货币补偿) or holds all the flats it may take is out of the line. Without the desks (a round whose
 * batches are not opened) the same rule holds with "ready" meaning "not marked absent".
 */

/** Why a household in the line is or is not ready for 选房. */
export type Readiness =
  | 'ready'
  | 'atSelectionDesk'
  | 'notArrived'
  | 'returned'
  | 'noShow'
  | 'passed'
  | 'absent'
  | 'earlierStage'
  | 'atEarlierDesk';

export interface TurnHousehold {
  householdId: string;
  selectionOrder: number | null;
  batch: number | null;
  /** The round's view: waiting | absent | done | forfeited */
  status: string;
}

/** A household's place in the day, as far as the turn cares. */
export interface DayPlace {
  absent: boolean;
  awayReason: string | null;
  awayStage: string | null;
  nextStage: string | null;
  calledStage: string | null;
}

/** The day around the line; null for a round served without the desks. */
export interface TurnDay {
  openBatches: ReadonlySet<number>;
  places: ReadonlyMap<string, DayPlace>;
}

const beforeSelection = new Set(['documentReview', 'idCheck']);

const awayReadiness: Record<string, Readiness> = {
  returned: 'returned',
  no_show: 'noShow',
  passed: 'passed',
  absent: 'absent',
};

/** Why a household is away from the day, from the reason kept on its sign-in. */
export const awayReadinessOf = (reason: string | null): Readiness => awayReadiness[reason ?? ''] ?? 'noShow';

/** Where a household stands: its readiness, or out of the line ('out'), or its batch not yet opened ('later'). */
export function readinessOf(h: TurnHousehold, day: TurnDay | null): Readiness | 'out' | 'later' {
  if (h.status === 'done' || h.status === 'forfeited' || h.selectionOrder === null) return 'out';
  if (day && (h.batch === null || !day.openBatches.has(h.batch))) return 'later';
  const place = day?.places.get(h.householdId);
  if (day && place && place.nextStage !== 'selection' && !beforeSelection.has(place.nextStage ?? '')) return 'out';
  if (h.status === 'absent') return 'absent';
  if (!day) return 'ready';
  if (!place) return 'notArrived';
  if (place.calledStage === 'selection') return 'atSelectionDesk';
  if (place.absent) return awayReadinessOf(place.awayReason);
  if (place.nextStage !== 'selection') return place.calledStage ? 'atEarlierDesk' : 'earlierStage';
  return place.calledStage ? 'atEarlierDesk' : 'ready';
}

const returnedText: Record<string, string> = { documentReview: '材料退回', idCheck: '身份核对退回' };

/** What the desk, the hall and the supervisor read for a household that is not ready. */
export function readinessText(readiness: Readiness, awayStage: string | null = null): string {
  switch (readiness) {
    case 'ready':
      return '等候选房';
    case 'atSelectionDesk':
      return '正在选房';
    case 'notArrived':
      return '尚未签到';
    case 'returned':
      return returnedText[awayStage ?? ''] ?? '被退回';
    case 'noShow':
      return '叫号未到';
    case 'passed':
      return '已过号';
    case 'absent':
      return '登记未到场';
    case 'earlierStage':
      return '前序事项未办完';
    case 'atEarlierDesk':
      return '正在前序窗口办理';
  }
}

export interface InLine<T> {
  household: T;
  readiness: Readiness;
}

export interface SelectionTurn<T> {
  /** The household a free 选房 desk calls now, or null when none of the line is ready. */
  next: T | null;
  /** Households at a 选房 desk now. */
  serving: T[];
  /** Households whose turn came (before `next` or one at a 选房 desk) but who are not ready: passed over, keeping their right. */
  passed: InLine<T>[];
  /** Not ready and whose turn has not come (all of them when nobody is called or ready). */
  notReady: InLine<T>[];
  /** Everyone still to choose who is ready, in the order they will be called. */
  waiting: T[];
}

export function selectionTurn<T extends TurnHousehold>(
  households: readonly T[],
  day: TurnDay | null,
): SelectionTurn<T> {
  const line: InLine<T>[] = [];
  for (const household of households) {
    const readiness = readinessOf(household, day);
    if (readiness !== 'out' && readiness !== 'later') line.push({ household, readiness });
  }
  line.sort((a, b) => (a.household.selectionOrder ?? 0) - (b.household.selectionOrder ?? 0));
  const waiting = line.filter((e) => e.readiness === 'ready').map((e) => e.household);
  const next = waiting[0] ?? null;
  const serving = line.filter((e) => e.readiness === 'atSelectionDesk').map((e) => e.household);
  // The line has moved as far as the last household called or to be called next.
  const reached = [next, ...serving].filter((h) => h !== null).map((h) => h.selectionOrder ?? 0);
  const cut = reached.length > 0 ? Math.max(...reached) : null;
  const unready = line.filter((e) => e.readiness !== 'ready' && e.readiness !== 'atSelectionDesk');
  return {
    next,
    serving,
    passed: cut === null ? [] : unready.filter((e) => (e.household.selectionOrder ?? 0) < cut),
    notReady: cut === null ? unready : unready.filter((e) => (e.household.selectionOrder ?? 0) > cut),
    waiting,
  };
}

/** Whether this household may choose now: at a 选房 desk, or the next one called. */
export function mayChooseNow<T extends TurnHousehold>(turn: SelectionTurn<T>, householdId: string): boolean {
  return turn.next?.householdId === householdId || turn.serving.some((h) => h.householdId === householdId);
}

export const batchOf = (position: number, batchSize: number): number => Math.ceil(position / batchSize);
