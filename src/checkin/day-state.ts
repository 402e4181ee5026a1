import type { StageRecordRow, WorkflowRow } from '../db/schema.js';
import { isStage, nextStage, type Stage, stages } from './stages.js';

/** Workflow changes: a household leaves the day for a reason (at a stage), comes back, leaves a desk. */
export const away = (reason: 'returned' | 'no_show' | 'passed' | 'absent', stage: string | null) => ({
  absent: true,
  awayReason: reason,
  awayStage: stage,
});
export const present = { absent: false, awayReason: null, awayStage: null };
export const noCall = { calledStage: null, calledDesk: null, calledAt: null, calledBy: null };

/** A household's place in the day, derived from its workflow row and its live stage records. */
export interface DayEntry {
  workflow: WorkflowRow;
  completed: Set<Stage>;
  needsSelection: boolean;
  next: Stage | null;
  /** When it started waiting for `next`: arrival, or the last record (completion or return). */
  waitingSince: string;
}

/** A household that gave up its flat (放弃, 视为放弃, 货币补偿) has left the day: it waits for nothing. */
export function dayEntry(
  workflow: WorkflowRow,
  records: StageRecordRow[],
  hasFlat: boolean,
  forfeited = false,
): DayEntry {
  const completed = new Set(
    records
      .filter((r) => r.outcome === 'completed')
      .map((r) => r.stage)
      .filter(isStage),
  );
  const needsSelection = completed.has('selection') || !hasFlat;
  const last = records.reduce((latest, r) => (r.at > latest ? r.at : latest), workflow.arrivedAt);
  return {
    workflow,
    completed,
    needsSelection,
    next: forfeited ? null : nextStage(completed, needsSelection),
    waitingSince: last,
  };
}

/** Who a desk of `stage` calls next: in open batches, present, not at another desk, in round order. */
export function callable(entries: DayEntry[], stage: Stage, openBatches: ReadonlySet<number>): DayEntry[] {
  return entries
    .filter(
      (e) =>
        e.next === stage && !e.workflow.absent && e.workflow.calledStage === null && openBatches.has(e.workflow.batch),
    )
    .sort((a, b) => a.workflow.batch - b.workflow.batch || a.workflow.position - b.workflow.position);
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export interface StageStats {
  stage: Stage;
  completed: number;
  returned: number;
  waiting: number;
  atDesk: number;
  avgMinutes: number;
  p90Minutes: number;
}

/** Minutes at the desk: from the call to the completion, for completions that were called. */
export function stageStats(entries: DayEntry[], records: StageRecordRow[]): StageStats[] {
  return stages.map((stage) => {
    const mine = records.filter((r) => r.stage === stage);
    const durations = mine
      .filter((r) => r.outcome === 'completed' && r.calledAt)
      .map((r) => minutesBetween(r.calledAt ?? r.at, r.at))
      .sort((a, b) => a - b);
    const avg = durations.length === 0 ? 0 : durations.reduce((a, b) => a + b, 0) / durations.length;
    return {
      stage,
      completed: mine.filter((r) => r.outcome === 'completed').length,
      returned: mine.filter((r) => r.outcome === 'returned').length,
      waiting: entries.filter((e) => e.next === stage && e.workflow.calledStage === null && !e.workflow.absent).length,
      atDesk: entries.filter((e) => e.workflow.calledStage === stage).length,
      avgMinutes: Math.round(avg * 10) / 10,
      p90Minutes: Math.round(percentile(durations, 90) * 10) / 10,
    };
  });
}

export interface HistoryPoint {
  /** Milliseconds since the epoch */
  t: number;
  /** Completed households per stage, in `stages` order, up to t */
  values: number[];
}

/**
 * Households per stage over the day, from the completion records themselves, so the supervisor's
 * chart shows the whole day whenever the page is opened. At most `maxPoints` points, evenly spaced.
 */
export function completionHistory(records: StageRecordRow[], maxPoints = 120): HistoryPoint[] {
  const done = records.filter((r) => r.outcome === 'completed').sort((a, b) => a.at.localeCompare(b.at));
  const counts = stages.map(() => 0);
  const points: HistoryPoint[] = [];
  const step = Math.max(1, Math.ceil(done.length / maxPoints));
  done.forEach((r, i) => {
    const index = stages.indexOf(r.stage as Stage);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
    if ((i + 1) % step === 0 || i === done.length - 1) points.push({ t: Date.parse(r.at), values: [...counts] });
  });
  return points;
}
