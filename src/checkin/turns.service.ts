import { mayChooseNow } from '../allocation/queue.js';
import { findRoundHousehold, lockRound, setRoundHouseholdPresence } from '../allocation/rounds.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import { loadTurn, publishTurn, turnDayOf } from '../allocation/turn.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { TurnMoveBefore } from '../audit/audit-payloads.js';
import type { DbExecutor } from '../db/create-db.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { away, noCall, present } from './day-state.js';

type Move = 'pass' | 'absent' | 'present';

/** The household in an ordered round, with its sign-in when it has one. */
async function place(trx: DbExecutor, roundId: string, householdId: string) {
  const round = await requireRound(trx, roundId);
  if (round.status !== 'ordered')
    throw new AppError('CONFLICT', round.status === 'closed' ? '本轮已结束' : '本轮尚未确定选房顺序', {
      field: 'roundId',
    });
  const member = await findRoundHousehold(trx, roundId, householdId);
  if (!member) throw new AppError('NOT_FOUND', '该户不在本轮名单中', { field: 'householdId' });
  if (member.status === 'forfeited')
    throw new AppError('FORFEITED', '该户已放弃选房，如需选房请先恢复选房资格', { field: 'householdId' });
  return {
    round,
    member,
    workflow: await repo.findWorkflowOf(trx, roundId, householdId),
    day: await turnDayOf(trx, roundId),
  };
}

/**
 * The supervisor moves the line by hand, each time with a reason, audited: 过号 (the household
 * whose turn it is, or who sits at a 选房 desk past its time, is passed over and keeps its right),
 * 登记未到场, 回到队列. In a round served at the desks these act on the household's sign-in;
 * in a round served without them, on its place in the round.
 */
export async function moveInLine(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  householdId: string,
  move: Move,
  reason: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await lockRound(trx, roundId);
    const { round, member, workflow, day } = await place(trx, roundId, householdId);
    let before: TurnMoveBefore;
    if (move === 'pass') {
      if (!mayChooseNow(await loadTurn(trx, roundId), householdId))
        throw new AppError('CONFLICT', '只能对正在选房或轮到选房的户办理过号', { field: 'householdId' });
    }
    if (day && workflow) {
      before = {
        absent: workflow.absent,
        away: workflow.awayReason,
        calledStage: workflow.calledStage,
        calledDesk: workflow.calledDesk,
      };
      if (move === 'present') {
        if (!workflow.absent && member.status !== 'absent')
          throw new AppError('CONFLICT', '该户未登记为未到场，无需回到队列', { field: 'householdId' });
        await repo.updateWorkflow(trx, workflow.id, present);
        if (member.status === 'absent') await setRoundHouseholdPresence(trx, member.id, 'absent', 'waiting', null);
      } else {
        if (workflow.absent) throw new AppError('CONFLICT', '该户已登记为未到场', { field: 'householdId' });
        await repo.updateWorkflow(trx, workflow.id, {
          ...away(move === 'pass' ? 'passed' : 'absent', move === 'pass' ? 'selection' : workflow.nextStage),
          ...noCall,
        });
      }
    } else {
      if (day && move !== 'present') throw new AppError('CONFLICT', '该户尚未签到，无需登记', { field: 'householdId' });
      before = { status: member.status };
      const [from, to] = move === 'present' ? ['absent', 'waiting'] : ['waiting', 'absent'];
      if (!(await setRoundHouseholdPresence(trx, member.id, from, to, null))) {
        throw new AppError(
          'CONFLICT',
          move === 'present' ? '该户未登记为未到场，无需回到队列' : '该户当前不在等候选房',
          { field: 'householdId' },
        );
      }
    }
    const action = ({ pass: 'turn.pass', absent: 'turn.mark_absent', present: 'turn.bring_back' } as const)[move];
    await recordAudit(trx, deps.clock, actor, [
      {
        action,
        entityType: 'household',
        entityId: householdId,
        projectId: round.projectId,
        before,
        after: { roundId, reason },
      },
    ]);
  });
  await publishTurn(deps, roundId);
}
