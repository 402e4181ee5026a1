import { issueAgreement } from '../agreements/agreements.service.js';
import { type SelectionResult, selectInTransaction } from '../allocation/selection.service.js';
import { liveSelectionsOfHousehold } from '../allocation/selections.repo.js';
import type { DbExecutor } from '../db/create-db.js';
import type { WorkflowRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { membersOf } from '../households/households.repo.js';
import { canPrintCodePoint } from '../pdf/fonts.js';
import { requireProject, toProjectView } from '../projects/projects.service.js';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../shared/id-number.js';
import { maskIdNumber } from '../shared/masking.js';
import { AT_ID_CHECK, AT_SIGNING, type PersonName, unprintableNameWarnings } from '../shared/printable-text.js';
import type { Actor } from '../shared/roles.js';
import type { DayEntry } from './day-state.js';
import type { StageSubmission } from './stage-forms.js';
import { AGENT_DOCUMENT, type StageForm } from './stage-forms.js';

export interface StageEffect {
  outcome: 'completed' | 'returned';
  data: Record<string, unknown>;
  message: string;
  selection?: SelectionResult;
}

interface EffectContext {
  trx: DbExecutor;
  deps: AppDeps;
  actor: Actor;
  workflow: WorkflowRow;
  entry: DayEntry;
  projectId: string;
  documentRecord: Record<string, unknown> | null;
}

async function reviewDocuments(ctx: EffectContext, form: StageForm<'documentReview'>): Promise<StageEffect> {
  const project = toProjectView(await requireProject(ctx.trx, ctx.projectId));
  const required = [...project.documentChecklist, ...(form.agent ? [AGENT_DOCUMENT] : [])];
  const missing = required.filter((item) => !form.presented.includes(item));
  const data = { required, presented: form.presented, missing, agent: form.agent, note: form.note ?? null };
  if (missing.length > 0)
    return { outcome: 'returned', data, message: `材料不齐，请补齐后再来：${missing.join('、')}` };
  return { outcome: 'completed', data, message: '材料审核通过' };
}

function checkIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  const problem = idNumberProblem(id);
  if (problem) throw new AppError('ID_MISMATCH', idNumberProblemText[problem], { field: 'form.idNumber' });
  return id;
}

/** The names the household's papers print, as the desk would name each person. */
const namesOf = (members: readonly { name: string; isHead: boolean }[]): PersonName[] =>
  members.map((m) => ({ role: m.isHead ? '户主' : '家庭成员', name: m.name }));

/**
 * Recorded with the stage, so a repeated request is told the same; only present when there is
 * something to say.
 */
function withNameWarnings(
  data: Record<string, unknown>,
  names: readonly PersonName[],
  consequence: string,
): Record<string, unknown> {
  const nameWarnings = unprintableNameWarnings(names, canPrintCodePoint, consequence);
  return nameWarnings.length > 0 ? { ...data, nameWarnings } : data;
}

async function checkIdentity(ctx: EffectContext, form: StageForm<'idCheck'>): Promise<StageEffect> {
  const id = checkIdNumber(form.idNumber);
  const members = await membersOf(ctx.trx, [ctx.workflow.householdId]);
  const names = namesOf(members);
  if (form.person === 'head') {
    const head = members.find((m) => m.isHead);
    if (!head || head.idNumber !== id)
      throw new AppError('ID_MISMATCH', '身份证号与档案中的户主不符，请核实到场人身份', { field: 'form.idNumber' });
    const data = withNameWarnings(
      { person: 'head', name: head.name, idNumber: maskIdNumber(id), matched: true },
      names,
      AT_ID_CHECK,
    );
    return { outcome: 'completed', data, message: `户主${head.name}本人，身份核对一致` };
  }
  if (ctx.documentRecord?.agent !== true) {
    throw new AppError('CONFLICT', '材料审核时未登记委托代理，代理人须持授权委托书重新审核材料', {
      field: 'form.person',
    });
  }
  if (!form.name) throw new AppError('VALIDATION_FAILED', '请填写代理人姓名', { field: 'form.name' });
  const data = withNameWarnings(
    { person: 'agent', name: form.name, idNumber: maskIdNumber(id), authorization: AGENT_DOCUMENT },
    [...names, { role: '委托代理人', name: form.name }],
    AT_ID_CHECK,
  );
  return { outcome: 'completed', data, message: `委托代理人${form.name}，已核验授权委托书` };
}

async function signAgreement(ctx: EffectContext): Promise<StageEffect> {
  const flats = await liveSelectionsOfHousehold(ctx.trx, ctx.workflow.roundId, ctx.workflow.householdId);
  if (flats.length === 0) throw new AppError('CONFLICT', '该户尚未确定安置房源，不能签订协议', { field: 'stage' });
  const project = await requireProject(ctx.trx, ctx.projectId);
  const { id, number } = await issueAgreement(ctx.trx, ctx.deps, ctx.actor, {
    projectId: ctx.projectId,
    projectCode: project.code,
    roundId: ctx.workflow.roundId,
    householdId: ctx.workflow.householdId,
  });
  // The agreement is issued all the same: the paper leaves a marked gap that the clerk fills in.
  const data = withNameWarnings(
    { agreementId: id, agreementNumber: number, unitIds: flats.map((f) => f.unitId) },
    namesOf(await membersOf(ctx.trx, [ctx.workflow.householdId])),
    AT_SIGNING,
  );
  return { outcome: 'completed', data, message: `协议已编号 ${number}，请打印后由双方签字` };
}

/** What completing each stage checks and records beyond the form itself. */
export async function applyStage(ctx: EffectContext, submission: StageSubmission): Promise<StageEffect> {
  switch (submission.stage) {
    case 'documentReview':
      return reviewDocuments(ctx, submission.form);
    case 'idCheck':
      return checkIdentity(ctx, submission.form);
    case 'selection': {
      const selection = await selectInTransaction(ctx.trx, ctx.deps, ctx.actor, ctx.workflow.roundId, {
        householdId: ctx.workflow.householdId,
        unitId: submission.form.unitId,
      });
      return {
        outcome: 'completed',
        data: {
          unitId: selection.unitId,
          unit: selection.unitLabel,
          selectionId: selection.selectionId,
          totalFen: selection.settlement.totalFen,
        },
        message: `已选定 ${selection.unitLabel}`,
        selection,
      };
    }
    case 'signing':
      return signAgreement(ctx);
    case 'propertyRegistration':
      return { outcome: 'completed', data: { ...submission.form }, message: '物业登记完成' };
    case 'keyHandover':
      return {
        outcome: 'completed',
        data: { ...submission.form },
        message: `已领取钥匙 ${submission.form.keys} 把、门禁卡 ${submission.form.accessCards} 张，办理完毕`,
      };
  }
}

export type { EffectContext };
