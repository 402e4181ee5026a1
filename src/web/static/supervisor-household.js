// @ts-check
/** 单户办理: one household of the round — its 过渡费, its agreements (重新生成 with a reason) and 回到队列 when absent. */
import { fromHundredths } from './amounts.js';
import { api, beijing, busy, byId, escape, failed, pickContext, say, table } from './context.js';

/**
 * @typedef {{ id: string, code: string, headName: string, entitledArea: string, demolishedArea: string, status: string }} Household
 * @typedef {{ workflowId: string, position: number, batch: number, absent: boolean, nextStage: string | null, calledDesk: string | null, doneAt: string | null }} Workflow
 * @typedef {{ id: string, number: string, householdId: string, status: string, issuedAt: string, voidReason: string | null, replacesId: string | null, signedCopy: unknown }} Agreement
 * @typedef {{ label: string, fromDate: string, toDate: string, months: number, days: number, ratePercent: number, amountFen: number }} SubsidyLine
 */

const stageLabels = { documentReview: '材料审核', idCheck: '身份信息核对', selection: '选房', signing: '协议签订', propertyRegistration: '物业登记', keyHandover: '领取钥匙' };
const agreementStatus = { issued: '已生成', signed: '已签字', voided: '已作废' };
let ids = { projectId: '', roundId: '' };
/** @type {Household | null} */
let household = null;
/** @type {Workflow | null} */
let workflow = null;

const yuan = (/** @type {number} */ fen) => `${fromHundredths(fen)} 元`;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

function reset() {
  household = null;
  workflow = null;
  byId('household-facts').innerHTML = '';
  for (const id of ['subsidy-card', 'workflow-card', 'agreements-card']) byId(id).hidden = true;
}

async function loadSubsidy() {
  if (!household) return;
  const end = byId('subsidy-end', HTMLInputElement).value;
  /** @type {{ monthlyFen: number, lines: SubsidyLine[], totalFen: number, totalText: string }} */
  const s = await api(`/api/households/${encodeURIComponent(household.id)}/transition-subsidy${end ? `?endDate=${encodeURIComponent(end)}` : ''}`);
  byId('subsidy-total').textContent = `过渡费合计：${s.totalText}（每月 ${yuan(s.monthlyFen)}）`;
  byId('subsidy-lines').innerHTML = table(
    ['期间', '起', '止', '月数', '天数', '计发比例', '金额'],
    s.lines.map((l) => [escape(l.label), escape(l.fromDate), escape(l.toDate), String(l.months), String(l.days), `${l.ratePercent}%`, escape(yuan(l.amountFen))]),
    '无过渡费（过渡开始日期未登记或尚未开始）',
  );
}

async function loadWorkflow() {
  if (!household) return;
  byId('workflow-card').hidden = false;
  try {
    workflow = await api(`/api/rounds/${encodeURIComponent(ids.roundId)}/households/${encodeURIComponent(household.id)}/workflow`);
  } catch (err) {
    if (/** @type {{ status?: number }} */ (err).status !== 404) throw err;
    workflow = null;
  }
  const w = workflow;
  const next = w?.nextStage ? stageLabels[/** @type {keyof typeof stageLabels} */ (w.nextStage)] ?? w.nextStage : '—';
  byId('workflow-facts').textContent = !w
    ? '本批次尚未签到'
    : `第 ${w.position} 号，第 ${w.batch} 批；${w.doneAt ? '已办结' : `下一事项：${next}`}${w.calledDesk ? `，正在${w.calledDesk}办理` : ''}${w.absent ? '；叫号未到（已登记未到场）' : ''}`;
  byId('recall').hidden = !w?.absent;
}

async function loadAgreements() {
  if (!household || !ids.roundId) return;
  /** @type {Agreement[]} */
  const all = await api(`/api/rounds/${encodeURIComponent(ids.roundId)}/agreements`);
  const mine = all.filter((a) => a.householdId === household?.id);
  byId('agreements-card').hidden = false;
  byId('agreement-list').innerHTML = table(
    ['协议编号', '状态', '生成时间', '作废原因'],
    mine.map((a) => [
      `<a href="/api/agreements/${encodeURIComponent(a.id)}/pdf" target="_blank" rel="noopener">${escape(a.number)}</a>`,
      escape(agreementStatus[/** @type {keyof typeof agreementStatus} */ (a.status)] ?? a.status),
      escape(beijing(a.issuedAt)),
      escape(a.voidReason ?? ''),
    ]),
    '本批次尚无协议',
  );
  const live = mine.filter((a) => a.status !== 'voided');
  byId('regenerate-agreement', HTMLSelectElement).innerHTML = live.map((a) => `<option value="${escape(a.id)}">${escape(a.number)}</option>`).join('');
  byId('regenerate-form').hidden = live.length === 0;
}

byId('lookup-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('lookup', HTMLButtonElement), async () => {
    const code = byId('lookup-code', HTMLInputElement).value.trim();
    if (!code) throw new Error('请输入户号');
    if (!ids.projectId) throw new Error('请先选择项目');
    reset();
    const list = await api(`/api/projects/${encodeURIComponent(ids.projectId)}/households?q=${encodeURIComponent(code)}&limit=20`);
    /** @type {Household | undefined} */
    const h = list.items.find((/** @type {Household} */ x) => x.code === code);
    if (!h) throw new Error(`本项目没有户号 ${code}`);
    household = h;
    byId('household-facts').innerHTML = `<dl class="facts"><dt>户号</dt><dd>${escape(h.code)}</dd><dt>户主</dt><dd>${escape(h.headName)}</dd><dt>被征收面积</dt><dd>${escape(h.demolishedArea)} ㎡</dd><dt>应安置面积</dt><dd>${escape(h.entitledArea)} ㎡</dd></dl>`;
    byId('subsidy-card').hidden = false;
    const end = byId('subsidy-end', HTMLInputElement);
    if (!end.value) end.value = today();
    await Promise.all([loadSubsidy(), ids.roundId ? loadWorkflow() : Promise.resolve(), loadAgreements()]);
  });
});

byId('subsidy-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('subsidy-calc', HTMLButtonElement), loadSubsidy);
});

const recallButton = byId('recall', HTMLButtonElement);
recallButton.addEventListener('click', () =>
  busy(recallButton, async () => {
    if (!workflow || !household) return;
    await api(`/api/workflows/${encodeURIComponent(workflow.workflowId)}/recall`, { method: 'POST' });
    say(`${household.code} 已回到队列，按原顺序等候叫号`, 'ok');
    await loadWorkflow();
  }),
);

byId('regenerate-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('regenerate', HTMLButtonElement), async () => {
    const select = byId('regenerate-agreement', HTMLSelectElement);
    const reasonInput = byId('regenerate-reason', HTMLInputElement);
    const reason = reasonInput.value.trim();
    if (!select.value) throw new Error('请选择协议');
    if (reason.length < 2) {
      reasonInput.focus();
      throw new Error('请填写重新生成的原因');
    }
    const old = select.selectedOptions[0]?.textContent ?? '';
    /** @type {Agreement} */
    const fresh = await api(`/api/agreements/${encodeURIComponent(select.value)}/regenerate`, { method: 'POST', body: { reason } });
    reasonInput.value = '';
    say(`协议 ${old} 已作废，新协议编号 ${fresh.number}，原因已记入审计日志`, 'ok');
    await loadAgreements();
  });
});

try {
  const context = await pickContext((next) => {
    ids = next;
    reset();
  }, { rounds: true });
  ids = context.current();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
