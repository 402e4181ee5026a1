import { liveAgreementOf } from '../agreements/agreements.repo.js';
import { renderKeyReceiptPdf } from '../agreements/render-receipt.js';
import { labelOf } from '../allocation/claim.js';
import { householdFlats } from '../allocation/selections.repo.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { householdSummaries } from '../households/households.repo.js';
import { requireProject } from '../projects/projects.service.js';
import { formatShanghai } from '../shared/time.js';
import { findWorkflow, liveRecordsOf } from './checkin.repo.js';

/** 钥匙领取签收单 from what the key desk recorded. */
export async function keyReceiptPdf(deps: AppDeps, workflowId: string): Promise<Buffer> {
  const workflow = await findWorkflow(deps.db, workflowId);
  if (!workflow) throw notFound('签到记录', 'workflowId');
  const record = (await liveRecordsOf(deps.db, [workflowId])).find(
    (r) => r.stage === 'keyHandover' && r.outcome === 'completed',
  );
  if (!record) throw new AppError('CONFLICT', '该户尚未领取钥匙', { field: 'workflowId' });
  const agreement = await liveAgreementOf(deps.db, workflow.roundId, workflow.householdId);
  if (!agreement) throw new AppError('CONFLICT', '该户没有有效协议', { field: 'workflowId' });
  const [household] = await householdSummaries(deps.db, [workflow.householdId]);
  const project = await requireProject(deps.db, agreement.projectId);
  const flats = await householdFlats(deps.db, workflow.roundId, workflow.householdId);
  const data = JSON.parse(record.data) as { keys: number; accessCards: number; receiptNo: string };
  const [y, m, d] = formatShanghai(record.at).slice(0, 10).split('-').map(Number);
  return renderKeyReceiptPdf({
    receiptNo: data.receiptNo,
    agreementNumber: agreement.number,
    projectName: project.name,
    officeName: project.officeName,
    householdCode: household?.code ?? '',
    headName: household?.headName ?? '',
    flatLabel: flats.map(labelOf).join('、'),
    keys: data.keys,
    accessCards: data.accessCards,
    handoverDate: `${y}年${m}月${d}日`,
  });
}
