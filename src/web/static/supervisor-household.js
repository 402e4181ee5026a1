// @ts-check
/** 单户办理: one household of the round — its 过渡费, its standing and corrections (standing.js), its agreements (重新生成 with a reason). */
import { fromHundredths } from './amounts.js';
import { confirmThen } from './confirm.js';
import { api, beijing, busy, byId, failed, html, pickContext, say, setHtml, table } from './context.js';
import { agreementStatusLabels } from './labels.js';
import { sendSignedCopy } from './signed-copy.js';
import { standingPanel } from './standing.js';

/**
 * @typedef {{ id: string, code: string, headName: string, entitledArea: string, demolishedArea: string, status: string }} Household
 * @typedef {{ id: string, number: string, householdId: string, status: string, issuedAt: string, voidReason: string | null, replacesId: string | null, signedCopy: unknown }} Agreement
 * @typedef {{ label: string, fromDate: string, toDate: string, months: number, days: number, ratePercent: number, amountFen: number }} SubsidyLine
 */

let ids = { projectId: '', roundId: '' };
/** @type {Household | null} */
let household = null;
// After a correction the agreements list changes too (undo voids the agreement).
const panel = standingPanel(byId('standing'), {
  acts: { line: true, reopen: true, forfeit: true },
  onChange: () => loadAgreements(),
});

const yuan = (/** @type {number} */ fen) => `${fromHundredths(fen)} 元`;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

function reset() {
  household = null;
  panel.clear();
  setHtml(byId('household-facts'), html``);
  for (const id of ['subsidy-card', 'workflow-card', 'agreements-card']) byId(id).hidden = true;
}

async function loadSubsidy() {
  if (!household) return;
  const end = byId('subsidy-end', HTMLInputElement).value;
  /** @type {{ monthlyFen: number, lines: SubsidyLine[], totalFen: number, totalText: string }} */
  const s = await api(
    `/api/households/${encodeURIComponent(household.id)}/transition-subsidy${end ? `?endDate=${encodeURIComponent(end)}` : ''}`,
  );
  byId('subsidy-total').textContent = `过渡费合计：${s.totalText}（每月 ${yuan(s.monthlyFen)}）`;
  setHtml(
    byId('subsidy-lines'),
    table(
      ['期间', '起', '止', '月数', '天数', '计发比例', '金额'],
      s.lines.map((l) => [l.label, l.fromDate, l.toDate, l.months, l.days, `${l.ratePercent}%`, yuan(l.amountFen)]),
      '无过渡费（过渡开始日期未登记或尚未开始）',
    ),
  );
}

/** The household's standing in the round, with every correction the page offers (standing.js). */
async function loadStanding() {
  if (!household) return;
  byId('workflow-card').hidden = false;
  const note = byId('workflow-facts');
  note.hidden = true;
  try {
    await panel.show(ids.roundId, household.id);
  } catch (err) {
    // Not in this round's list: say so instead of failing the whole lookup.
    if (/** @type {{ status?: number }} */ (err).status !== 404) throw err;
    panel.clear();
    note.textContent = err instanceof Error ? err.message : String(err);
    note.hidden = false;
  }
}

async function loadAgreements() {
  if (!household || !ids.roundId) return;
  /** @type {Agreement[]} */
  const all = await api(`/api/rounds/${encodeURIComponent(ids.roundId)}/agreements?includeVoided=true`);
  const mine = all.filter((a) => a.householdId === household?.id);
  byId('agreements-card').hidden = false;
  setHtml(
    byId('agreement-list'),
    table(
      ['协议编号', '状态', '生成时间', '作废原因'],
      mine.map((a) => [
        html`<a href="/api/agreements/${encodeURIComponent(a.id)}/pdf" target="_blank" rel="noopener">${a.number}</a>`,
        agreementStatusLabels[a.status] ?? a.status,
        beijing(a.issuedAt),
        a.voidReason ?? '',
      ]),
      '本轮尚无协议',
    ),
  );
  const live = mine.filter((a) => a.status !== 'voided');
  setHtml(
    byId('regenerate-agreement', HTMLSelectElement),
    html`${live.map((a) => html`<option value="${a.id}">${a.number}</option>`)}`,
  );
  byId('regenerate-form').hidden = live.length === 0;
  setHtml(
    byId('signed-copy-agreement', HTMLSelectElement),
    html`${live.map((a) => html`<option value="${a.id}">${a.number}${a.signedCopy ? '（已有签字件，上传将替换）' : ''}</option>`)}`,
  );
  byId('signed-copy-form').hidden = live.length === 0;
}

byId('signed-copy-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('signed-copy-upload', HTMLButtonElement), async () => {
    const agreementId = byId('signed-copy-agreement', HTMLSelectElement).value;
    if (!household || !agreementId) throw new Error('请选择协议');
    await sendSignedCopy(
      byId('signed-copy-file', HTMLInputElement),
      agreementId,
      `${household.code} ${household.headName}`,
    );
    await loadAgreements();
  });
});

byId('lookup-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('lookup', HTMLButtonElement), async () => {
    const code = byId('lookup-code', HTMLInputElement).value.trim();
    if (!code) throw new Error('请输入户号');
    if (!ids.projectId) throw new Error('请先选择项目');
    reset();
    const list = await api(
      `/api/projects/${encodeURIComponent(ids.projectId)}/households?q=${encodeURIComponent(code)}&limit=20`,
    );
    /** @type {Household | undefined} */
    const h = list.items.find((/** @type {Household} */ x) => x.code === code);
    if (!h) throw new Error(`本项目没有户号 ${code}`);
    household = h;
    setHtml(
      byId('household-facts'),
      html`<dl class="facts"><dt>户号</dt><dd>${h.code}</dd><dt>户主</dt><dd>${h.headName}</dd><dt>被征收面积</dt><dd>${h.demolishedArea} ㎡</dd><dt>应安置面积</dt><dd>${h.entitledArea} ㎡</dd></dl>`,
    );
    byId('subsidy-card').hidden = false;
    const end = byId('subsidy-end', HTMLInputElement);
    if (!end.value) end.value = today();
    await Promise.all([loadSubsidy(), ids.roundId ? loadStanding() : Promise.resolve(), loadAgreements()]);
  });
});

byId('subsidy-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('subsidy-calc', HTMLButtonElement), loadSubsidy);
});

byId('regenerate-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const select = byId('regenerate-agreement', HTMLSelectElement);
  const old = select.selectedOptions[0]?.textContent ?? '';
  if (!select.value) return say('请选择协议');
  const text = [
    `协议 ${old} 作废（核验页显示“已作废”），按当前档案生成新编号的协议，须重新打印并签字。`,
    '此操作不能撤回。',
  ];
  void confirmThen(
    byId('regenerate', HTMLButtonElement),
    {
      title: `重新生成协议 ${old}`,
      text,
      confirm: '作废原协议并重新生成',
      reason: '重新生成的原因（必填，记入审计日志）',
    },
    async (reason) => {
      /** @type {Agreement} */
      const fresh = await api(`/api/agreements/${encodeURIComponent(select.value)}/regenerate`, {
        method: 'POST',
        body: { reason },
      });
      say(`协议 ${old} 已作废，新协议编号 ${fresh.number}，原因已记入审计日志`, 'ok');
      await loadAgreements();
    },
  );
});

try {
  const context = await pickContext(
    (next) => {
      ids = next;
      reset();
    },
    { rounds: true },
  );
  ids = context.current();
  const code = new URLSearchParams(location.search).get('code');
  if (code) {
    byId('lookup-code', HTMLInputElement).value = code;
    byId('lookup-form', HTMLFormElement).requestSubmit();
  }
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
