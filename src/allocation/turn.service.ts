import type { DbExecutor } from '../db/create-db.js';
import type { AppDeps } from '../deps.js';
import { readinessText, type SelectionTurn, selectionTurn, type TurnDay } from './queue.js';
import { type RoundHouseholdFacts, roundHouseholdsWithFacts } from './rounds.repo.js';
import { dayPlaces } from './turn.repo.js';

/** The day around a round's line, or null while no batch is open (the round is served without the desks). */
export async function turnDayOf(db: DbExecutor, roundId: string): Promise<TurnDay | null> {
  const day = await dayPlaces(db, roundId);
  return day.openBatches.size > 0 ? day : null;
}

export interface RoundTurn extends SelectionTurn<RoundHouseholdFacts> {
  day: TurnDay | null;
}

/** The turn as the round's rows stand, read in the caller's transaction when it passes one. */
export async function loadTurn(
  db: DbExecutor,
  roundId: string,
  households?: RoundHouseholdFacts[],
): Promise<RoundTurn> {
  const [facts, day] = await Promise.all([
    households ? Promise.resolve(households) : roundHouseholdsWithFacts(db, roundId),
    turnDayOf(db, roundId),
  ]);
  return { ...selectionTurn(facts, day), day };
}

/** Why a household that is not ready is not, in words for the desk, the hall and the supervisor. */
export function reasonOf(
  turn: RoundTurn,
  entry: { household: RoundHouseholdFacts; readiness: Parameters<typeof readinessText>[0] },
): string {
  return readinessText(entry.readiness, turn.day?.places.get(entry.household.householdId)?.awayStage ?? null);
}

/** "第 2 号 材料退回，暂缓选房；请第 3 号": what the 选房 desk and the hall say when the line moves past someone. */
export function turnAnnouncement(turn: RoundTurn): string | null {
  if (!turn.next) return null;
  const passed = turn.passed.map((e) => `第 ${e.household.selectionOrder} 号 ${reasonOf(turn, e)}`);
  const call = `请第 ${turn.next.selectionOrder} 号`;
  return passed.length > 0 ? `${passed.join('，')}，暂缓选房；${call}` : call;
}

/** Tells the hall and the desks whose turn it is, who was passed and why (no names: the hall is public). */
export async function publishTurn(deps: AppDeps, roundId: string): Promise<void> {
  const turn = await loadTurn(deps.db, roundId);
  deps.events.publish({
    type: 'turn',
    roundId,
    position: turn.next?.selectionOrder ?? null,
    householdCode: turn.next?.code ?? null,
    batch: turn.next?.batch ?? null,
    serving: turn.serving.map((h) => h.selectionOrder ?? 0),
    passed: turn.passed.map((e) => ({ position: e.household.selectionOrder ?? 0, reason: reasonOf(turn, e) })),
  });
}
