// @ts-check
/** A desk on the day: sign in to the desk, call the next household, show its file, record the stage. */
import { api, beijing, busy, byId, clearMessage, failed, html, pickContext, say, setHtml, table } from './context.js';
import { stageForm } from './desk-forms.js';
import { deskTurn } from './desk-turn.js';
import { auditActionLabels, stageLabels } from './labels.js';
import { lateUpload, sendSignedCopy } from './signed-copy.js';

/**
 * @typedef {import('./desk-forms.js').Call} Call
 * @typedef {{ name: string, idNumber: string, relation: string, phone: string | null, isHead: boolean }} Member
 * @typedef {{ id: string, code: string, headName: string, phone: string | null, demolishedArea: string, entitledArea: string, compensationAgreementNo: string | null, flags: { elderly: boolean, disabled: boolean, lowIncome: boolean }, status: string, members: Member[] }} Household
 * @typedef {{ seq: number, at: string, actor: string, action: string, details: Record<string, unknown> | null }} Event
 * @typedef {{ outcome: string, message: string, warnings: string[], data: Record<string, unknown>, workflowId: string, repeated: boolean }} StageResult
 * @typedef {import('./standing-view.js').Standing} Standing
 */

const app = byId('app');
const stage = app.dataset.stage ?? '';
const fieldLabels = {
  presented: '已交材料',
  missing: '缺少材料',
  agent: '委托代理',
  person: '到场人',
  name: '姓名',
  idNumber: '身份证号',
  unit: '房源',
  agreementNumber: '协议编号',
  occupants: '入住人数',
  phone: '电话',
  vehiclePlate: '车牌',
  feeStartDate: '物业费起算',
  keys: '钥匙',
  accessCards: '门禁卡',
  receiptNo: '签收单号',
  reason: '原因',
  number: '编号',
  position: '顺序号',
  batch: '批次',
  desk: '窗口',
  nameWarnings: '姓名用字提醒',
};

/** @type {Call | null} the household called to this desk and not finished yet */
let call = null;
/** One key per household form: a double click or a retry after a timeout records the stage once. */
let idempotencyKey = '';
let signedIn = false;

const submitStage = async (/** @type {Record<string, unknown>} */ form) => {
  if (!call) return;
  try {
    /** @type {StageResult} */
    const result = await api(`/api/workflows/${encodeURIComponent(call.workflowId)}/stages`, {
      method: 'POST',
      body: { stage, form },
      headers: { 'idempotency-key': idempotencyKey },
    });
    // A name the papers cannot print must not scroll past as a green "done": it is shown as a warning.
    const warnings = result.warnings.map((w) => `请注意：${w}`);
    say(
      [`${call.code} ${call.headName}：${result.message}`, ...warnings].join('\n'),
      result.outcome === 'completed' && warnings.length === 0 ? 'ok' : 'warn',
    );
    finish(result);
  } catch (err) {
    failed(err);
  }
};
const form = stageForm(stage, submitStage);
const context = await pickContext(() => setSignedIn(false), { rounds: true });
const turn = deskTurn(stage, {
  roundId: () => context.current().roundId,
  call: () => call,
  cleared: () => clearHousehold(),
});
const lateUploads = stage === 'signing' ? lateUpload(() => context.current().roundId) : null;
const deskInput = byId('desk-number', HTMLInputElement);
deskInput.value = localStorage.getItem('anju.deskNumber') ?? '';

function setSignedIn(/** @type {boolean} */ on) {
  signedIn = on;
  byId('work').hidden = !on;
  // Signed in, the setup shrinks to one line so the household's form is above the fold.
  byId('desk-setup').classList.toggle('signed-in', on);
  if (on) lateUploads?.render();
  if (!on) clearHousehold();
  if (on) turn.start().catch(failed);
}

function clearHousehold() {
  call = null;
  byId('household').hidden = true;
  byId('stage-card').hidden = true;
  byId('return-box').hidden = true;
  byId('call-status').textContent = '';
}

/** Summary of what an earlier desk recorded, from the audit trail's `after` object. */
function summary(/** @type {any} */ details) {
  if (!details || typeof details !== 'object') return '';
  const data = { ...(details.data ?? {}), ...details };
  const parts = [];
  if (typeof data.stage === 'string') parts.push(stageLabels[data.stage] ?? data.stage);
  for (const [key, value] of Object.entries(data)) {
    const label = fieldLabels[/** @type {keyof typeof fieldLabels} */ (key)];
    if (!label || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const text =
      key === 'person'
        ? value === 'agent'
          ? '委托代理人'
          : '户主本人'
        : Array.isArray(value)
          ? value.join('、')
          : typeof value === 'boolean'
            ? value
              ? '是'
              : '否'
            : typeof value === 'object'
              ? Object.values(value).join(' ')
              : String(value);
    parts.push(`${label}：${text}`);
  }
  return parts.join('；');
}

/** @param {Household} h @param {Event[]} events @param {Standing} standing */
function renderFile(h, events, standing) {
  const flags =
    [h.flags.elderly && '高龄', h.flags.disabled && '残疾', h.flags.lowIncome && '低保'].filter(Boolean).join('、') ||
    '无';
  const flats = standing.selections.map((s) => s.unit);
  // The live agreement from the standing: one voided by an undo or a reopen is no longer shown.
  const a = standing.agreement;
  // The agreement prints the head's full ID number: only the desks that may read it link to it.
  const pdfLink = stage === 'signing' || stage === 'selection';
  const agreement = a
    ? html`${a.number}${pdfLink && html` <a href="/api/agreements/${encodeURIComponent(a.id)}/pdf" target="_blank" rel="noopener">查看协议</a>`}`
    : '未签订';
  /** @type {[string, import('./html.js').HtmlValue][]} */
  const facts = [
    ['户号', h.code],
    ['户主', h.headName],
    ['顺序号 / 批次', call ? `第 ${call.position} 号 / 第 ${call.batch} 批` : ''],
    ['联系电话', h.phone ?? '—'],
    ['被征收房屋面积', `${h.demolishedArea} ㎡`],
    ['应安置面积', `${h.entitledArea} ㎡`],
    ['安置房源', flats.length ? flats.join('、') : '尚未确定'],
    ['协议', agreement],
    ['补偿协议编号', h.compensationAgreementNo ?? '—'],
    ['优先条件', flags],
  ];
  const members = table(
    ['姓名', '与户主关系', '居民身份证号码', '电话'],
    h.members.map((m) => [
      m.name + (m.isHead ? '（户主）' : ''),
      m.relation,
      html`<span class="mono">${m.idNumber}</span>`,
      m.phone ?? '',
    ]),
  );
  const history = events.filter((e) => e.action !== 'day.call' && e.action !== 'household.create');
  const timeline = table(
    ['时间', '经办人', '事项', '记录'],
    history.map((e) => [beijing(e.at), e.actor, auditActionLabels[e.action] ?? e.action, summary(e.details)]),
    '今日尚无记录',
  );
  setHtml(
    byId('household-file'),
    html`<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl><h3>家庭成员</h3>${members}<h3>今日经过（前序窗口记录）</h3>${timeline}`,
  );
}

async function loadHousehold(/** @type {Call} */ c, /** @type {string} */ roundId) {
  /** @type {[Household, Event[], Standing]} */
  const [household, events, standing] = await Promise.all([
    api(`/api/households/${encodeURIComponent(c.householdId)}`),
    api(`/api/households/${encodeURIComponent(c.householdId)}/timeline`),
    // Its live flats and agreement in this round (undone selections and voided agreements left out).
    api(`/api/rounds/${encodeURIComponent(roundId)}/households/${encodeURIComponent(c.householdId)}/standing`),
  ]);
  renderFile(household, events, standing);
  byId('household').hidden = false;
  return household;
}

async function showCall(/** @type {Call} */ c) {
  const { roundId } = context.current();
  call = c;
  idempotencyKey = crypto.randomUUID();
  byId('after').hidden = true;
  byId('call-status').textContent = `第 ${c.position} 号 · ${c.code} · ${c.headName}`;
  const household = await loadHousehold(c, roundId);
  await form.load(c, roundId);
  if (stage === 'propertyRegistration') {
    byId('occupants', HTMLInputElement).value = String(household.members.length);
    byId('phone', HTMLInputElement).value = household.phone ?? '';
  }
  byId('stage-card').hidden = false;
  byId('return-box').hidden = true;
  // Keyboard users land in the form; the file above stays where the eye is.
  const first = byId('stage-form').querySelector('input:not([type=hidden]), button.flat');
  if (first instanceof HTMLElement) first.focus({ preventScroll: true });
}

/** After a recorded stage the household leaves this desk; offer what comes after (print, upload, receipt). */
function finish(/** @type {StageResult} */ result) {
  const done = call;
  clearHousehold();
  const after = byId('after-body');
  const agreementId = typeof result.data.agreementId === 'string' ? result.data.agreementId : '';
  if (stage === 'signing' && result.outcome === 'completed' && agreementId && done) {
    const number = String(result.data.agreementNumber ?? '');
    lateUploads?.remember({ agreementId, number, code: done.code, headName: done.headName });
    setHtml(
      after,
      html`<p>协议编号：<strong>${number}</strong>（${done.code} ${done.headName}）</p>
<p class="row"><a id="print-agreement" class="button" href="/api/agreements/${encodeURIComponent(agreementId)}/pdf" target="_blank" rel="noopener">打印协议</a></p>
<label for="signed-copy">签字协议扫描件（PDF，页数不少于协议；稍后也可在“补传签字件”上传）</label><input type="file" id="signed-copy" accept="application/pdf,image/jpeg,image/png">
<p class="row"><button type="button" id="upload-signed">上传签字件</button></p>`,
    );
    const button = byId('upload-signed', HTMLButtonElement);
    button.addEventListener('click', () =>
      busy(button, () =>
        sendSignedCopy(byId('signed-copy', HTMLInputElement), agreementId, `${done.code} ${done.headName}`),
      ),
    );
  } else if (stage === 'keyHandover' && result.outcome === 'completed') {
    setHtml(
      after,
      html`<p class="row"><a id="receipt-link" class="button" href="/api/workflows/${encodeURIComponent(result.workflowId)}/receipt.pdf" target="_blank" rel="noopener">打印钥匙领取签收单</a></p>`,
    );
  } else {
    setHtml(after, html`<p>请点击“叫下一位”。</p>`);
  }
  byId('after').hidden = false;
}

byId('desk-change').addEventListener('click', () => {
  byId('desk-setup').classList.remove('signed-in');
  deskInput.focus();
});

byId('desk-setup', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const button = byId('desk-sign-in', HTMLButtonElement);
  void busy(button, async () => {
    const { projectId, roundId } = context.current();
    const deskNumber = deskInput.value.trim();
    if (!projectId || !roundId) throw new Error('请先选择项目和选房轮次');
    if (!deskNumber) throw new Error('请填写窗口号');
    const desk = await api('/api/desks/sign-in', { method: 'POST', body: { projectId, deskNumber, stage } });
    localStorage.setItem('anju.deskNumber', deskNumber);
    await form.prepare(projectId);
    setSignedIn(true);
    byId('desk-status').textContent = `已登录：${desk.deskNumber}（${beijing(desk.startedAt)}起）`;
    say(`已登录${desk.deskNumber}，可以叫号`, 'ok');
    byId('call-next', HTMLButtonElement).focus();
  });
});

byId('call-next', HTMLButtonElement).addEventListener('click', (event) =>
  busy(/** @type {HTMLButtonElement} */ (event.currentTarget), async () => {
    if (!signedIn) throw new Error('请先登录窗口');
    /** @type {Call | null} */
    const next = await api(`/api/rounds/${encodeURIComponent(context.current().roundId)}/calls`, { method: 'POST' });
    if (!next) {
      clearHousehold();
      byId('after').hidden = true;
      say(await turn.nobody(), 'warn');
      return;
    }
    clearMessage();
    turn.called(next);
    await showCall(next);
    say(`请第 ${next.position} 号 ${next.code}（${next.headName}）到${next.deskNumber}办理`, 'ok');
  }),
);

byId('stage-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  const button = document.getElementById('submit-stage');
  if (!(button instanceof HTMLButtonElement)) return;
  void busy(button, async () => submitStage(form.read()));
});

byId('return-open').addEventListener('click', () => {
  byId('return-box').hidden = false;
  const reason = byId('return-reason', HTMLTextAreaElement);
  const missing = form.missing();
  if (missing.length && !reason.value) reason.value = `缺少材料：${missing.join('、')}`;
  reason.focus();
});
byId('return-cancel').addEventListener('click', () => {
  byId('return-box').hidden = true;
});
byId('return-confirm', HTMLButtonElement).addEventListener('click', (event) =>
  busy(/** @type {HTMLButtonElement} */ (event.currentTarget), async () => {
    if (!call) return;
    const reason = byId('return-reason', HTMLTextAreaElement).value.trim();
    if (reason.length < 2) throw new Error('请填写退回原因');
    const missing = form.missing();
    await api(`/api/workflows/${encodeURIComponent(call.workflowId)}/stages/${stage}/return`, {
      method: 'POST',
      body: { reason, ...(missing.length ? { missing } : {}) },
    });
    const code = call.code;
    clearHousehold();
    byId('return-reason', HTMLTextAreaElement).value = '';
    say(`已退回 ${code}：${reason}。该户保留顺序，补齐后再来。`, 'warn');
  }),
);
byId('no-show', HTMLButtonElement).addEventListener('click', (event) =>
  busy(/** @type {HTMLButtonElement} */ (event.currentTarget), async () => {
    if (!call) return;
    await api(`/api/workflows/${encodeURIComponent(call.workflowId)}/no-show`, { method: 'POST' });
    const code = call.code;
    clearHousehold();
    say(`已登记 ${code} 未到场，保留顺序；该户再次签到后重新叫号。`, 'warn');
  }),
);

// Coming back to the page: if this account is still signed in to this desk, go straight to work.
try {
  const current = await api('/api/desks/me');
  if (current && current.stage === stage && context.current().roundId) {
    if (!deskInput.value) deskInput.value = current.deskNumber;
    await form.prepare(context.current().projectId);
    setSignedIn(true);
    byId('desk-status').textContent = `已登录：${current.deskNumber}（${beijing(current.startedAt)}起）`;
  }
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
