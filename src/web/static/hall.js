// @ts-check
import { html, setHtml } from '/static/common.js';
import { voiceCalling } from '/static/hall-voice.js';
import { centi, flash, followRound, getPublic } from '/static/live.js';

/**
 * @typedef {import('./live.js').PublicUnit} PublicUnit
 * @typedef {{ position: number, maskedName: string, desk: string, stage: string }} CallEvent
 * @typedef {{ position: number | null, code: string, headName: string, flats: string[] }} ResultRow
 * @typedef {{ position: number, reason: string }} Passed
 * @typedef {{ position?: number | null, serving?: number[], passed?: Passed[] }} TurnEvent
 * @typedef {{ calls: CallEvent[], counts: { arrived: number, waiting: number, chosen: number } }} HallState
 */

const root = /** @type {HTMLElement} */ (document.getElementById('hall'));
const roundId = root.dataset.roundId ?? '';
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {Map<string, PublicUnit>} */
const units = new Map();
/** @type {CallEvent[]} */
const recent = [];
/** @type {ResultRow[]} */
let rows = [];
/** @type {number | null} */
let turn = null;
/** Households whose turn came before `turn` and who were passed over (过号), with the reason. @type {Passed[]} */
let passed = [];
/** Households at a 选房 desk now, by number. @type {number[]} */
let serving = [];
const NEXT_SHOWN = 6;
// Bounded so 最近叫号 stays on the screen however long the day runs.
const RECENT_SHOWN = 5;
const PASSED_SHOWN = 4;

function tick() {
  $('hall-clock').textContent = new Date().toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function renderUnitsLeft() {
  /** @type {Map<string, { left: number, total: number, areas: number[] }>} */
  const byLayout = new Map();
  for (const u of units.values()) {
    const entry = byLayout.get(u.layout) ?? { left: 0, total: 0, areas: [] };
    entry.total += 1;
    if (u.status === 'available') entry.left += 1;
    entry.areas.push(centi(u.buildingArea));
    byLayout.set(u.layout, entry);
  }
  const fmt = (/** @type {number} */ c) => (c / 100).toFixed(2);
  const body = [...byLayout.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))
    .map(([layout, e]) => {
      const min = Math.min(...e.areas);
      const max = Math.max(...e.areas);
      const area = min === max ? fmt(min) : `${fmt(min)}–${fmt(max)}`;
      return html`<tr data-layout="${layout}"${e.left === 0 && html` class="gone"`}><th scope="row">${layout}</th><td>${area}</td><td class="left-count"><strong>${e.left}</strong> / ${e.total}</td></tr>`;
    });
  setHtml($('left-by-layout'), body.length ? html`${body}` : html`<tr><td colspan="3">本轮没有房源</td></tr>`);
  $('units-left').textContent = String([...units.values()].filter((u) => u.status === 'available').length);
}

/** The same words as the 选房 desk: "第 2 号 材料退回，暂缓选房；请第 3 号". Numbers and reasons only: the hall is public. */
function renderPassed() {
  const box = $('turn-passed');
  // A long morning of no-shows would fill the screen: the first few, then how many more.
  const shown = passed.slice(0, PASSED_SHOWN).map((p) => `第 ${p.position} 号 ${p.reason}`);
  if (passed.length > PASSED_SHOWN) shown.push(`等 ${passed.length} 户`);
  const text = shown.join('，');
  const then = turn !== null ? `请第 ${turn} 号` : serving.length > 0 ? `第 ${serving.join('、')} 号正在选房` : '';
  box.textContent = text && then ? `${text}，暂缓选房；${then}` : '';
  box.hidden = box.textContent === '';
}

function renderTurn() {
  $('turn-position').textContent =
    turn !== null ? `第 ${turn} 号` : serving.length > 0 ? `第 ${serving.join('、')} 号（选房中）` : '—';
  renderPassed();
  const ordered = rows.filter((r) => r.position !== null);
  const list = $('next-numbers');
  if (ordered.length === 0) {
    setHtml(list, html`<li class="hall-idle">选房顺序尚未确定</li>`);
    return;
  }
  const next = ordered
    .filter((r) => r.flats.length === 0 && r.position !== turn && (turn === null || (r.position ?? 0) > turn))
    .slice(0, NEXT_SHOWN);
  setHtml(
    list,
    next.length
      ? html`${next.map((r) => html`<li><span class="num">第 ${r.position} 号</span> <span class="name">${r.headName}</span></li>`)}`
      : html`<li class="hall-idle">没有等候选房的户</li>`,
  );
}

/** One line per household: a call answered again (the desk pressed 叫号 again) moves to the top, not repeats. @param {CallEvent} call */
function remember(call) {
  const earlier = recent.findIndex((c) => c.position === call.position);
  if (earlier >= 0) recent.splice(earlier, 1);
  recent.unshift(call);
  recent.length = Math.min(recent.length, RECENT_SHOWN + 1);
}

function renderCalls() {
  const now = recent[0];
  const box = $('now-calling');
  if (!now) return;
  setHtml(
    box,
    html`<p class="call-number">第 <strong>${now.position}</strong> 号</p><p class="call-name">${now.maskedName}</p><p class="call-desk">请到 <strong>${now.desk}</strong></p><p class="call-stage">${now.stage}</p>`,
  );
  flash(box);
  const earlier = recent.slice(1, RECENT_SHOWN + 1);
  setHtml(
    $('recent-calls'),
    earlier.length
      ? html`${earlier.map(
          (c) =>
            html`<li data-position="${c.position}"><span class="num">第 ${c.position} 号</span> ${c.maskedName} <span class="desk">→ ${c.desk}</span> <span class="stage">${c.stage}</span></li>`,
        )}`
      : html`<li class="hall-idle">暂无</li>`,
  );
}

async function loadUnits() {
  /** @type {import('./live.js').PublicUnits} */
  const data = await getPublic(`/public/rounds/${encodeURIComponent(roundId)}/units`);
  units.clear();
  for (const u of data.units) units.set(u.unitId, u);
  renderUnitsLeft();
}

/** Seeds the calls once (a reloaded screen shows who is called now); the counts every time. */
let callsSeeded = false;
async function loadHall() {
  /** @type {HallState} */
  const data = await getPublic(`/public/rounds/${encodeURIComponent(roundId)}/hall`);
  $('count-arrived').textContent = String(data.counts.arrived);
  $('count-waiting').textContent = String(data.counts.waiting);
  $('count-chosen').textContent = String(data.counts.chosen);
  if (callsSeeded) return;
  callsSeeded = true;
  for (const call of [...data.calls].reverse()) if (!recent.some((c) => c.position === call.position)) remember(call);
  renderCalls();
}

async function loadResults() {
  const data = await getPublic(`/public/rounds/${encodeURIComponent(roundId)}/results`);
  rows = data.rows;
  renderTurn();
}

/** Several selections in a burst fetch the results once. */
let resultsTimer = 0;
function refreshResultsSoon() {
  clearTimeout(resultsTimer);
  resultsTimer = window.setTimeout(() => void loadResults().catch(report), 250);
  refreshCountsSoon();
}

let countsTimer = 0;
function refreshCountsSoon() {
  clearTimeout(countsTimer);
  countsTimer = window.setTimeout(() => void loadHall().catch(report), 250);
}

const announce = voiceCalling(/** @type {HTMLButtonElement} */ ($('hall-voice')));

/** @param {unknown} error */
function report(error) {
  const state = $('hall-link');
  state.textContent = `数据加载失败：${error instanceof Error ? error.message : String(error)}`;
  state.dataset.state = 'down';
}

tick();
setInterval(tick, 10_000);
followRound(roundId, $('hall-link'), {
  snapshot: (/** @type {TurnEvent} */ s) => {
    turn = s.position ?? null;
    serving = s.serving ?? [];
    passed = s.passed ?? [];
    void Promise.all([loadUnits(), loadResults(), loadHall()]).catch(report);
  },
  unit: (/** @type {{ unitId: string, status: string }} */ e) => {
    const unit = units.get(e.unitId);
    if (unit) unit.status = e.status;
    renderUnitsLeft();
    refreshResultsSoon();
  },
  turn: (/** @type {TurnEvent} */ e) => {
    turn = e.position ?? null;
    serving = e.serving ?? [];
    passed = e.passed ?? [];
    renderTurn();
    refreshResultsSoon();
  },
  call: (/** @type {CallEvent} */ e) => {
    const call = { position: e.position, maskedName: e.maskedName, desk: e.desk, stage: e.stage };
    remember(call);
    renderCalls();
    announce(call);
    refreshCountsSoon();
  },
  progress: () => refreshCountsSoon(),
});
