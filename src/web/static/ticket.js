// @ts-check
/** 排队小票: the household's number, masked name, batch and a QR code, laid out for the paper in the page's stylesheet. */
import { api, html, setHtml, show } from './common.js';

/** @typedef {{ workflowId: string, roundName: string, code: string, maskedName: string, position: number, batch: number, arrivedAt: string, qr: string[] }} Ticket */

/** The QR modules as one SVG path, a rectangle per run of dark modules, inside a 4-module quiet zone. */
function qrSvg(/** @type {string[]} */ rows) {
  const size = rows.length;
  let path = '';
  rows.forEach((row, y) => {
    for (const run of row.matchAll(/1+/g)) path += `M${run.index ?? 0} ${y}h${run[0].length}v1h-${run[0].length}z`;
  });
  return html`<svg class="qr" role="img" aria-label="签到二维码" xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 ${size + 8} ${size + 8}" shape-rendering="crispEdges"><rect x="-4" y="-4" width="${size + 8}" height="${size + 8}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

const arrivedAt = (/** @type {string} */ iso) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

async function load() {
  const workflowId = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  /** @type {Ticket} */
  const t = await api(`/api/workflows/${encodeURIComponent(workflowId)}/ticket`);
  setHtml(
    /** @type {HTMLElement} */ (document.getElementById('ticket')),
    html`<h1>排队小票</h1><p class="round">${t.roundName}</p>
<p class="number" id="ticket-number">第 ${t.position} 号</p>
<dl><dt>户号</dt><dd>${t.code}</dd><dt>户主</dt><dd id="ticket-name">${t.maskedName || '—'}</dd><dt>批次</dt><dd>第 ${t.batch} 批</dd><dt>签到</dt><dd>${arrivedAt(t.arrivedAt)}</dd></dl>
${qrSvg(t.qr)}
<p class="note">请留意大厅叫号屏与语音叫号，叫到本号时持此票到所叫窗口。离场后再来，出示此票二维码重新签到。</p>`,
  );
  if (new URLSearchParams(location.search).get('print') === '1') window.print();
}

document.getElementById('print')?.addEventListener('click', () => window.print());
try {
  await load();
} catch (err) {
  show(document.getElementById('message'), err instanceof Error ? err.message : String(err));
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
