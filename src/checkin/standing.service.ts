import { liveAgreementOf } from '../agreements/agreements.repo.js';
import { labelOf } from '../allocation/claim.js';
import { forfeitText } from '../allocation/forfeit-kinds.js';
import { liveForfeitOf } from '../allocation/forfeits.repo.js';
import { readinessOf } from '../allocation/queue.js';
import { roundHouseholdsWithFacts } from '../allocation/rounds.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import { householdFlats, liveSelectionsOfHousehold } from '../allocation/selections.repo.js';
import { loadTurn, reasonOf } from '../allocation/turn.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import * as repo from './checkin.repo.js';
import { dayEntry } from './day-state.js';
import { keyReturnOf } from './key-returns.repo.js';
import { stageTable } from './stages.js';

/**
 * Where one household stands in a round: its place in the line and why, its stages, the flat it
 * holds, its agreement, its keys, whether it gave up. What the supervisor and the desks need to
 * correct it (undo, key return, pass, absent, bring back, 放弃, reinstate) without reading the audit log.
 */
export async function householdStanding(deps: AppDeps, roundId: string, householdId: string) {
  const round = await requireRound(deps.db, roundId);
  const households = await roundHouseholdsWithFacts(deps.db, roundId);
  const facts = households.find((h) => h.householdId === householdId);
  if (!facts) throw new AppError('NOT_FOUND', '该户不在本轮名单中', { field: 'householdId' });
  const [turn, workflow, live, flats, agreement, forfeit] = await Promise.all([
    loadTurn(deps.db, roundId, households),
    repo.findWorkflowOf(deps.db, roundId, householdId),
    liveSelectionsOfHousehold(deps.db, roundId, householdId),
    householdFlats(deps.db, roundId, householdId),
    liveAgreementOf(deps.db, roundId, householdId),
    liveForfeitOf(deps.db, roundId, householdId),
  ]);
  const records = workflow ? await repo.liveRecordsOf(deps.db, [workflow.id]) : [];
  const entry = workflow ? dayEntry(workflow, records, live.length > 0, facts.status === 'forfeited') : null;
  const handover = records.find((r) => r.stage === 'keyHandover' && r.outcome === 'completed');
  const returned = handover ? await keyReturnOf(deps.db, handover.id) : undefined;
  const handed = handover ? (JSON.parse(handover.data) as { keys?: number; accessCards?: number }) : null;
  const readiness = readinessOf(facts, turn.day);
  const labelById = new Map(flats.map((f) => [f.id, labelOf(f)]));
  return {
    roundId,
    roundStatus: round.status,
    householdId,
    code: facts.code,
    headName: facts.headName ?? '',
    position: facts.selectionOrder,
    batch: facts.batch,
    status: facts.status,
    line:
      readiness === 'out' || readiness === 'later'
        ? { readiness, reason: readiness === 'later' ? '所在批次未开放' : '不在选房队列' }
        : { readiness, reason: reasonOf(turn, { household: facts, readiness }) },
    isNext: turn.next?.householdId === householdId,
    workflow: workflow
      ? {
          workflowId: workflow.id,
          absent: workflow.absent,
          awayReason: workflow.awayReason,
          awayStage: workflow.awayStage,
          calledStage: workflow.calledStage,
          calledDesk: workflow.calledDesk,
          next: entry?.next ?? null,
          nextLabel: entry?.next ? stageTable[entry.next].label : null,
        }
      : null,
    completed: entry ? [...entry.completed] : [],
    selections: live.map((s) => ({
      selectionId: s.id,
      unitId: s.unitId,
      unit: labelById.get(s.unitId) ?? '',
      selectedAt: s.selectedAt,
    })),
    agreement: agreement ? { id: agreement.id, number: agreement.number, status: agreement.status } : null,
    keys: handed
      ? {
          keys: handed.keys ?? 0,
          accessCards: handed.accessCards ?? 0,
          returned: returned
            ? {
                keys: returned.keys,
                accessCards: returned.accessCards,
                receivedBy: returned.receivedBy,
                receivedAt: returned.receivedAt,
              }
            : null,
        }
      : null,
    forfeit: forfeit
      ? {
          id: forfeit.id,
          kind: forfeit.kind,
          text: forfeitText[forfeit.kind] ?? '放弃选房',
          reason: forfeit.reason,
          hasStatement: forfeit.statementDocumentId !== null,
          recordedAt: forfeit.recordedAt,
        }
      : null,
  };
}
