import { recordAudit } from '../audit/audit.service.js';
import { recordCheckpoint } from '../audit/checkpoint.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireProject } from '../projects/projects.service.js';
import type { Actor } from '../shared/roles.js';
import { isValidIsoDate, shanghaiWallToUtcIso } from '../shared/time.js';
import { roundDayCounts } from './closing-report.repo.js';
import { renderClosingReportPdf } from './render-closing-report.js';

export const CLOSING_REPORT_PURPOSE = 'closing-report';

/** [00:00, 24:00) of a day in Asia/Shanghai as UTC ISO bounds. */
function dayBounds(date: string): { from: string; to: string } {
  const [y, m, d] = date.split('-').map(Number);
  const from = shanghaiWallToUtcIso(y ?? 0, m ?? 0, d ?? 0);
  if (!isValidIsoDate(date) || from === null)
    throw new AppError('VALIDATION_FAILED', '日期无效，应为 YYYY-MM-DD', { field: 'date' });
  return { from, to: new Date(Date.parse(from) + 86_400_000).toISOString() };
}

/**
 * 日终报告: the day's figures per round and a checkpoint of the audit chain, taken, kept
 * (audit_checkpoints) and itself audited in one transaction, so the figures, the anchor and the
 * record of having handed it out agree. Each request issues a new report with a fresh checkpoint.
 */
export async function closingReportPdf(deps: AppDeps, actor: Actor, projectId: string, date: string): Promise<Buffer> {
  const { from, to } = dayBounds(date);
  const issued = await deps.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, projectId);
    const rounds = await roundDayCounts(trx, projectId, from, to);
    // Taken before the report's own audit row: that row names the checkpoint it extends.
    const checkpoint = await recordCheckpoint(trx, deps, CLOSING_REPORT_PURPOSE);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'audit.closing_report',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: { date, checkpoint, rounds },
      },
    ]);
    return { project, rounds, checkpoint };
  });
  return renderClosingReportPdf({
    projectName: issued.project.name,
    date,
    generatedAt: issued.checkpoint.at,
    generatedBy: actor.name,
    rounds: issued.rounds,
    checkpoint: issued.checkpoint,
  });
}
