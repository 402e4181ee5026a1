import { awayReadinessOf, readinessText } from '../allocation/queue.js';
import type { RoundTurn } from '../allocation/turn.service.js';
import type { Day } from './day.service.js';
import { type Stage, stages, stageTable } from './stages.js';

export interface HeldEntry {
  householdId: string;
  workflowId: string | null;
  code: string;
  position: number | null;
  readiness: string;
  reason: string;
}

/**
 * For each desk: who it serves now, who it calls next, and who would be next but is away, and why.
 * 选房 follows the turn rule (allocation/queue.ts): those passed over are listed with their reasons.
 */
export function stageQueues(day: Day, turn: RoundTurn) {
  const facts = new Map(day.households.map((h) => [h.householdId, h]));
  const open = day.entries
    .filter((e) => day.openBatches.has(e.workflow.batch))
    .sort((a, b) => a.workflow.position - b.workflow.position);
  const workflowOf = new Map(open.map((e) => [e.workflow.householdId, e.workflow.id]));
  const brief = (householdId: string) => ({
    householdId,
    workflowId: workflowOf.get(householdId) ?? null,
    code: facts.get(householdId)?.code ?? '',
    position: facts.get(householdId)?.selectionOrder ?? null,
  });
  return stages.map((stage: Stage) => {
    const mine = open.filter((e) => e.next === stage);
    const atDesks = open
      .filter((e) => e.workflow.calledStage === stage)
      .map((e) => ({
        ...brief(e.workflow.householdId),
        desk: e.workflow.calledDesk ?? '',
        since: e.workflow.calledAt,
      }));
    if (stage === 'selection') {
      const held = (turn.next || turn.serving.length > 0 ? turn.passed : turn.notReady).map(
        (e): HeldEntry => ({
          ...brief(e.household.householdId),
          readiness: e.readiness,
          reason: readinessText(e.readiness, turn.day?.places.get(e.household.householdId)?.awayStage ?? null),
        }),
      );
      return {
        stage,
        label: stageTable[stage].label,
        atDesks,
        next: turn.next ? brief(turn.next.householdId) : null,
        held,
      };
    }
    const next = mine.find((e) => !e.workflow.absent && e.workflow.calledStage === null);
    const held = mine
      .filter((e) => e.workflow.absent)
      .map((e): HeldEntry => {
        const readiness = awayReadinessOf(e.workflow.awayReason);
        return { ...brief(e.workflow.householdId), readiness, reason: readinessText(readiness, e.workflow.awayStage) };
      });
    return {
      stage,
      label: stageTable[stage].label,
      atDesks,
      next: next ? brief(next.workflow.householdId) : null,
      held,
    };
  });
}
