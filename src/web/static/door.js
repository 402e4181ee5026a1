// @ts-check
/** 签到处: sign households in by 户号, ID number or the notice's QR, show who they are, list arrivals, print tickets. */
import { api, beijing, busy, byId, failed, html, pickContext, say, setHtml, table } from './context.js';

/**
 * @typedef {{ workflowId: string, code: string, headName: string | null, position: number, batch: number, arrivedAt: string, batchOpen: boolean, secondVisit: boolean }} Arrival
 * @typedef {{ workflowId: string, code: string, headName: string | null, position: number, batch: number, arrivedAt: string, absent: boolean }} ArrivalEntry
 */

let roundId = '';
const roundUrl = (/** @type {string} */ path) => `/api/rounds/${encodeURIComponent(roundId)}${path}`;
const button = (/** @type {string} */ id) => byId(id, HTMLButtonElement);
const ticketUrl = (/** @type {string} */ workflowId, /** @type {string} */ paper) =>
  `/door/tickets/${encodeURIComponent(workflowId)}?paper=${paper}&print=1`;

function showOpenBatches(/** @type {{ number: number }[]} */ open) {
  byId('open-batches').textContent = open.length
    ? `已开放批次：${open.map((b) => `第 ${b.number} 批`).join('、')}`
    : '尚未开放叫号的批次';
}

async function loadArrivals() {
  /** @type {{ count: number, households: number, arrivals: ArrivalEntry[] }} */
  const list = await api(roundUrl('/arrivals'));
  byId('arrival-count').textContent = `${list.count} / ${list.households} 户`;
  setHtml(
    byId('arrival-list'),
    table(
      ['签到时间', '顺序号', '户号', '户主', '批次', '状态', '小票'],
      list.arrivals.map((a) => [
        beijing(a.arrivedAt),
        `第 ${a.position} 号`,
        a.code,
        a.headName ?? '—',
        `第 ${a.batch} 批`,
        a.absent ? '已离场' : '在场',
        html`<a href="${ticketUrl(a.workflowId, '58')}" target="_blank" rel="noopener">打印</a>`,
      ]),
      '尚无户签到',
    ),
  );
}

async function load() {
  byId('arrival-result').hidden = true;
  if (!roundId) {
    byId('open-batches').textContent = '请先选择选房轮次';
    setHtml(byId('arrival-list'), html``);
    return;
  }
  showOpenBatches(await api(roundUrl('/batches')));
  await loadArrivals();
}

/** The confirmation names the head in full, so the door can check it against the person standing there. */
function showArrival(/** @type {Arrival} */ a) {
  const result = byId('arrival-result');
  const papers = [
    ['58', '58 mm 小票'],
    ['80', '80 mm 小票'],
    ['a6', 'A6'],
  ].map(
    ([paper, label]) =>
      html`<a class="button secondary" href="${ticketUrl(a.workflowId, paper ?? '58')}" target="_blank" rel="noopener">${label}</a>`,
  );
  setHtml(
    result,
    html`<p class="arrival-name"><strong id="arrival-head">${a.headName ?? '（未登记户主）'}</strong>　户号 ${a.code}</p>
<p>第 <strong id="arrival-position">${a.position}</strong> 号，第 ${a.batch} 批${a.batchOpen ? '' : '（该批尚未开放叫号）'}${a.secondVisit ? '，再次签到' : ''}</p>
<p class="row">打印排队小票：${papers}</p>`,
  );
  result.hidden = false;
}

const batchForm = document.getElementById('batch-form');
batchForm?.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(button('open-batch'), async () => {
    const number = Number(byId('batch-number', HTMLInputElement).value);
    showOpenBatches(await api(roundUrl('/batches'), { method: 'POST', body: { number } }));
    say(`第 ${number} 批已开放叫号`, 'ok');
  });
});

byId('arrival-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(button('arrive'), async () => {
    const field = byId('arrival-value', HTMLInputElement);
    const value = field.value.trim();
    if (!value) throw new Error('请输入户号或身份证号');
    if (!roundId) throw new Error('请先选择选房轮次');
    // An 18-character value with digits is an ID number; the notice's QR text starts with ANJU1:.
    const by = value.startsWith('ANJU1:') ? 'qr' : /^\d{17}[\dXx]$/.test(value) ? 'idNumber' : 'code';
    /** @type {Arrival} */
    const a = await api(roundUrl('/arrivals'), { method: 'POST', body: { by, value } });
    showArrival(a);
    say(`${a.headName ?? a.code}（${a.code}）已签到：第 ${a.position} 号`, a.batchOpen ? 'ok' : 'warn');
    field.value = '';
    field.focus();
    await loadArrivals();
  });
});

// Another door (a second entrance, a colleague's PC) signs households in too: keep the list current.
setInterval(() => {
  if (roundId && !document.hidden) loadArrivals().catch(failed);
}, 15_000);

try {
  const picked = await pickContext(
    (next) => {
      roundId = next.roundId;
      load().catch(failed);
    },
    { rounds: true },
  );
  roundId = picked.current().roundId;
  await load();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
