import { randomUUID } from 'node:crypto';
import { forfeitText } from '../allocation/forfeit-kinds.js';
import { insertForfeits } from '../allocation/forfeits.repo.js';
import { advanceRound, roundHouseholdsWithFacts, setRoundHouseholdPresence } from '../allocation/rounds.repo.js';
import { roundRules } from '../allocation/rounds.service.js';
import { loadTurn, publishTurn } from '../allocation/turn.service.js';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';
import type { ForfeitRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import { leaveDay, requireOrderedRound } from './forfeit.service.js';

export interface CloseReport {
  deemedForfeit: number;
  keptRight: number;
}

/**
 * Ends a round's 选房. Households that never chose are handled by the round's published rule:
 * 视为放弃 (限期不选视同放弃), or they keep their right for a later round. Later desks (signing,
 * keys) go on for those who chose.
 */
export async function closeRound(deps: AppDeps, actor: Actor, roundId: string, reason: string): Promise<CloseReport> {
  const report = await deps.db.transaction().execute(async (trx) => {
    const round = await requireOrderedRound(trx, roundId);
    const households = await roundHouseholdsWithFacts(trx, roundId);
    const turn = await loadTurn(trx, roundId, households);
    if (turn.serving.length > 0) {
      throw new AppError(
        'CONFLICT',
        `第 ${turn.serving.map((h) => h.selectionOrder).join('、')} 号正在选房窗口，请办理完毕后再结束本轮`,
        { field: 'roundId' },
      );
    }
    const unchosen = households.filter((h) => (h.status === 'waiting' || h.status === 'absent') && h.flatsTaken === 0);
    const deem = roundRules(round).unchosenOnClose === 'deemed_forfeit';
    const now = deps.clock.now().toISOString();
    const audits: AuditEntry[] = [];
    if (deem) {
      const rows: ForfeitRow[] = unchosen.map((h) => ({
        id: randomUUID(),
        roundId,
        householdId: h.householdId,
        kind: 'deemed',
        reason: `截止未选房，${forfeitText.deemed}：${reason}`,
        statementDocumentId: null,
        recordedAt: now,
        recordedBy: actor.name,
        reinstatedAt: null,
        reinstatedBy: null,
        reinstateReason: null,
      }));
      await insertForfeits(trx, rows);
      for (const [i, h] of unchosen.entries()) {
        await setRoundHouseholdPresence(trx, h.id, h.status, 'forfeited', null);
        await leaveDay(trx, roundId, h.householdId);
        audits.push({
          action: 'round.forfeit',
          entityType: 'household',
          entityId: h.householdId,
          projectId: round.projectId,
          before: { status: h.status },
          after: { roundId, forfeitId: rows[i]?.id, kind: 'deemed', reason },
        });
      }
    }
    if (!(await advanceRound(trx, roundId, 'ordered', { status: 'closed', updatedAt: now })))
      throw new AppError('CONFLICT', '本轮状态已变化，请刷新后重试', { field: 'roundId' });
    const result: CloseReport = { deemedForfeit: deem ? unchosen.length : 0, keptRight: deem ? 0 : unchosen.length };
    audits.push({
      action: 'round.close',
      entityType: 'round',
      entityId: roundId,
      projectId: round.projectId,
      before: { status: 'ordered' },
      after: { status: 'closed', reason, ...result },
    });
    await recordAudit(trx, deps.clock, actor, audits);
    return result;
  });
  deps.events.publish({ type: 'round', roundId, status: 'closed' });
  await publishTurn(deps, roundId);
  return report;
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    roundClose: CloseReport;
  }
}
