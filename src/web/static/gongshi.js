// @ts-check
import { followRound } from '/static/live.js';

/**
 * 公示: find one's own row by 户号 or 顺序号; print; follow the round live. The server renders the 公示
 * (one renderer, names masked there); a change fetches the page again and swaps in its changed parts.
 */

const search = /** @type {HTMLInputElement} */ (document.getElementById('gongshi-search'));
const count = /** @type {HTMLElement} */ (document.getElementById('gongshi-count'));
const tools = /** @type {HTMLElement} */ (document.getElementById('gongshi-tools'));
const updated = /** @type {HTMLElement} */ (document.getElementById('gongshi-updated'));
const refreshButton = /** @type {HTMLButtonElement} */ (document.getElementById('gongshi-refresh'));
/** What a fresh copy of the page replaces; the search box, the scroll position and the print button stay. */
const LIVE_PARTS = ['#gongshi-rows', '.gongshi-stats', '#gongshi-time', '.audit-anchor'];

const rows = () => /** @type {HTMLTableRowElement[]} */ ([...document.querySelectorAll('#gongshi-rows tr')]);

function apply() {
  const q = search.value.trim().toUpperCase();
  let shown = 0;
  const all = rows();
  for (const row of all) {
    const match = !q || (row.dataset.code ?? '').toUpperCase().includes(q) || row.dataset.position === q;
    row.hidden = !match;
    if (match) shown += 1;
  }
  count.textContent = q ? `找到 ${shown} 户` : `共 ${all.length} 户`;
}

async function refresh() {
  refreshButton.disabled = true;
  try {
    const res = await fetch(location.pathname, { cache: 'no-store', headers: { accept: 'text/html' } });
    if (!res.ok) throw new Error(`请求失败（${res.status}）`);
    // Parsed, not written: the fresh page's nodes replace the old ones as they are.
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const selector of LIVE_PARTS) {
      const next = fresh.querySelector(selector);
      if (next) document.querySelector(selector)?.replaceWith(document.adoptNode(next));
    }
    apply();
    updated.textContent = `已更新 ${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`;
  } catch (error) {
    updated.textContent = `刷新失败：${error instanceof Error ? error.message : String(error)}，请稍后再试`;
  } finally {
    refreshButton.disabled = false;
  }
}

/** Several selections in a burst fetch the page once. */
let timer = 0;
function refreshSoon() {
  clearTimeout(timer);
  timer = window.setTimeout(() => void refresh(), 400);
}

search.addEventListener('input', apply);
document.getElementById('gongshi-print')?.addEventListener('click', () => window.print());
refreshButton.addEventListener('click', () => void refresh());
// The first snapshot only says the stream is open: the page was rendered a moment ago.
let connected = false;
followRound(tools.dataset.roundId ?? '', document.getElementById('gongshi-link'), {
  snapshot: () => {
    if (connected) refreshSoon();
    connected = true;
  },
  unit: refreshSoon,
  turn: refreshSoon,
  round: refreshSoon,
});
apply();
