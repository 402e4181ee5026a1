// @ts-check
/**
 * The 选房 desk's view of the line (GET /api/rounds/:id/queue): whom it serves, who is next, who was
 * passed over and why, and what the line waits for when nobody can be called; the 过号 button; and
 * the 协议签订 desk's 撤销选房 before signing. Kept apart from desk.js, which every desk loads.
 */
import { confirmThen } from './confirm.js';
import { api, byId, html, say, setHtml } from './context.js';
import { moveInLine } from './line-acts.js';

/**
 * @typedef {import('./desk-forms.js').Call} Call
 * @typedef {{ householdId: string, code: string, headName: string, position: number, batch: number, reason: string }} Entry
 * @typedef {{ status: string, next: Entry | null, serving: Entry[], waiting: Entry[], passed: Entry[], notReady: Entry[], announcement: string | null, unitsLeft: number }} Queue
 * @typedef {{ roundId: () => string, call: () => Call | null, cleared: () => void }} Hooks
 */

const SHOWN = 8;
const who = (/** @type {Entry} */ e) => `第 ${e.position} 号 ${e.code} ${e.headName}`;

/** @param {Entry[]} list @param {boolean} reasons */
function entries(list, reasons) {
  if (list.length === 0) return html`<span class="muted">无</span>`;
  const items = list
    .slice(0, SHOWN)
    .map((e) => html`<li>${who(e)}${reasons && html`：<strong>${e.reason}</strong>`}</li>`);
  const more = list.length > SHOWN && html`<li class="muted">另有 ${list.length - SHOWN} 户</li>`;
  return html`<ul class="plain">${items}${more}</ul>`;
}

/** @param {Queue} q */
function renderLine(q) {
  const rows = [
    ['正在选房', entries(q.serving, false)],
    ['下一位', q.next ? who(q.next) : html`<span class="muted">暂无可叫号的户</span>`],
    [
      '已过号',
      html`${entries(q.passed, true)}${q.passed.length > 0 && html`<span class="muted small">保留选房权，准备好后优先选房</span>`}`,
    ],
    ['未就绪', entries(q.notReady, true)],
  ];
  setHtml(
    byId('line-body'),
    html`<dl class="facts line-facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl><p class="muted">剩余房源 ${q.unitsLeft} 套</p>`,
  );
}

/** What the desk says when 叫下一位 finds nobody: whom the line waits for, and why. @param {Queue} q */
function nobodyText(q) {
  if (q.status === 'closed') return '本轮选房已结束';
  const [first, ...rest] = q.notReady;
  const serving = q.serving.length ? `正在选房：${q.serving.map(who).join('、')}。` : '';
  if (!first) return `${serving}已开放批次中没有等候选房的户`;
  const later = rest.length
    ? `；其后未就绪：${rest
        .slice(0, 3)
        .map((e) => `第 ${e.position} 号 ${e.reason}`)
        .join('、')}${rest.length > 3 ? ` 等 ${rest.length} 户` : ''}`
    : '';
  return `${serving}暂无可叫号的户：队列在等 ${who(first)}（${first.reason}）${later}`;
}

/** @param {string} stage @param {Hooks} hooks */
export function deskTurn(stage, hooks) {
  const selection = stage === 'selection';
  const queueUrl = () => `/api/rounds/${encodeURIComponent(hooks.roundId())}/queue`;
  /** @type {EventSource | null} */
  let source = null;
  let timer = 0;

  const refresh = async () => {
    if (!selection || !hooks.roundId()) return;
    /** @type {Queue} */
    const q = await api(queueUrl());
    renderLine(q);
    return q;
  };
  // Turn events come in bursts (a call, then the turn moving): read the line once after them.
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void refresh().catch(() => {}), 300);
  };

  if (selection) {
    const pass = byId('pass-open', HTMLButtonElement);
    pass.addEventListener('click', () => {
      const c = hooks.call();
      if (!c) return;
      void moveInLine(
        pass,
        hooks.roundId(),
        { householdId: c.householdId, code: c.code, position: c.position },
        'pass',
        async () => {
          hooks.cleared();
          await refresh();
        },
      );
    });
  }

  if (stage === 'signing') {
    const undo = byId('undo-open', HTMLButtonElement);
    undo.addEventListener('click', async () => {
      const c = hooks.call();
      if (!c) return;
      try {
        /** @type {import('./standing-view.js').Standing} */
        const s = await api(
          `/api/rounds/${encodeURIComponent(hooks.roundId())}/households/${encodeURIComponent(c.householdId)}/standing`,
        );
        const chosen = s.selections[0];
        if (!chosen) throw new Error(`${c.code} 没有可撤销的选房`);
        const text = [
          `撤销 ${c.code}（${c.headName}）选定的 ${chosen.unit}：房源释放，该户回到选房窗口重新选房（轮到时优先叫号）。`,
          '此操作不能撤回。',
        ];
        await confirmThen(
          undo,
          { title: `撤销选房：${c.code}`, text, confirm: '确认撤销选房', reason: '撤销原因（必填，记入审计日志）' },
          async (reason) => {
            await api(`/api/selections/${encodeURIComponent(chosen.selectionId)}/undo`, {
              method: 'POST',
              body: { reason },
            });
            hooks.cleared();
            say(`已撤销 ${c.code} 选定的 ${chosen.unit}，房源释放；该户回到选房窗口重新选房。`, 'warn');
          },
        );
      } catch (err) {
        say(err instanceof Error ? err.message : String(err));
      }
    });
  }

  return {
    /** Signed in to the desk: show the line and follow the round's turn events. */
    async start() {
      if (!selection) return;
      byId('line').hidden = false;
      source?.close();
      source = new EventSource(`/public/rounds/${encodeURIComponent(hooks.roundId())}/events`);
      for (const type of ['snapshot', 'turn']) source.addEventListener(type, refreshSoon);
      await refresh();
    },
    /** A household was called: the 选房 desk reads the announcement out. @param {Call} c */
    called(c) {
      const box = byId('announcement');
      box.textContent = selection ? (c.announcement ?? `请第 ${c.position} 号`) : '';
      box.hidden = !selection;
      void refresh().catch(() => {});
    },
    /** The text for an empty call: at 选房, whom the line waits for. */
    async nobody() {
      byId('announcement').hidden = true;
      if (!selection) return '当前没有等候本窗口办理的安置户';
      const q = await refresh();
      return q ? nobodyText(q) : '当前没有等候选房的安置户';
    },
  };
}
