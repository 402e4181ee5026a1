import { requireRound } from '../allocation/rounds.service.js';
import { liveSelectionsOfRound } from '../allocation/selections.repo.js';
import type { AppDeps } from '../deps.js';
import { householdSummaries } from '../households/households.repo.js';
import { maskName } from '../shared/masking.js';
import * as repo from './checkin.repo.js';
import { isStage, stageTable } from './stages.js';

/** A household called to a desk and not yet finished there: the words the hall shows and speaks. */
export interface HallCall {
  position: number;
  maskedName: string;
  desk: string;
  stage: string;
  calledAt: string;
}

/**
 * What the hall screen needs on load and after each change: the calls standing now (newest first),
 * so a reloaded screen is not blank, and the day's counts. Numbers and masked names only: the hall is public.
 */
export async function hallState(deps: AppDeps, roundId: string) {
  await requireRound(deps.db, roundId);
  const [workflows, selections] = await Promise.all([
    repo.workflowsOfRound(deps.db, roundId),
    liveSelectionsOfRound(deps.db, roundId),
  ]);
  const called = workflows
    .filter((w) => w.calledStage !== null && w.calledDesk !== null && w.calledAt !== null)
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
  const names = new Map(
    (
      await householdSummaries(
        deps.db,
        called.map((w) => w.householdId),
      )
    ).map((h) => [h.id, h.headName ?? '']),
  );
  const calls: HallCall[] = called.map((w) => ({
    position: w.position,
    maskedName: maskName(names.get(w.householdId) ?? ''),
    desk: w.calledDesk ?? '',
    stage: w.calledStage && isStage(w.calledStage) ? stageTable[w.calledStage].label : (w.calledStage ?? ''),
    calledAt: w.calledAt ?? '',
  }));
  const present = workflows.filter((w) => !w.absent && w.doneAt === null);
  return {
    calls,
    counts: {
      arrived: workflows.length,
      // Present, not finished and not at a desk now: the people sitting in the hall.
      waiting: present.filter((w) => w.calledStage === null && w.nextStage !== null).length,
      chosen: new Set(selections.map((s) => s.householdId)).size,
    },
  };
}
