// @ts-check
/** 现场进度's queue table: per stage who is at the desks, who is called next, who is held back and why. */
import { beijing, html, table } from './context.js';
import { lineButtons } from './line-acts.js';

/**
 * @typedef {{ householdId: string, workflowId: string | null, code: string, position: number | null }} Brief
 * @typedef {{ stage: string, label: string, atDesks: (Brief & { desk: string, since: string | null })[], next: Brief | null, held: (Brief & { readiness: string, reason: string })[] }} StageQueue
 */

// Away households come back with 回到队列; those signed in but still at an earlier stage may be marked
// absent; one not yet signed in has nothing to correct (the API needs it signed in to mark it absent).
const away = new Set(['returned', 'noShow', 'passed', 'absent']);
/** @param {string} readiness @returns {import('./line-acts.js').Move[]} */
const heldMoves = (readiness) => (away.has(readiness) ? ['present'] : readiness === 'notArrived' ? [] : ['absent']);
// Before the morning's households arrive every one of an open batch is held: list the first few.
const HELD_SHOWN = 8;

const who = (/** @type {Brief} */ h) => `${h.position === null ? '' : `第 ${h.position} 号 `}${h.code}`;

/** @param {StageQueue[]} queues */
export function renderQueues(queues) {
  const rows = queues.map((q) => {
    const selection = q.stage === 'selection';
    const desks = q.atDesks.map(
      (d) =>
        html`<li>${who(d)} · ${d.desk}${d.since && html`<span class="muted small">（${beijing(d.since).slice(-8)}起）</span>`}${selection && html` ${lineButtons(d, ['pass'])}`}</li>`,
    );
    const next = q.next
      ? html`${who(q.next)} ${lineButtons(q.next, selection ? ['pass', 'absent'] : ['absent'])}`
      : html`<span class="muted">无人可叫</span>`;
    const held = q.held
      .slice(0, HELD_SHOWN)
      .map((h) => html`<li>${who(h)}：<strong>${h.reason}</strong> ${lineButtons(h, heldMoves(h.readiness))}</li>`);
    if (q.held.length > HELD_SHOWN) held.push(html`<li class="muted">另有 ${q.held.length - HELD_SHOWN} 户</li>`);
    const none = html`<span class="muted">—</span>`;
    return [
      q.label,
      desks.length ? html`<ul class="plain">${desks}</ul>` : none,
      next,
      held.length ? html`<ul class="plain">${held}</ul>` : none,
    ];
  });
  return table(['事项', '窗口办理中', '下一位', '暂缓（原因）'], rows, '尚无队列');
}
