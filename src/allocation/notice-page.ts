import { type Checkpoint, checkpointCommand, checkpointLine } from '../audit/checkpoint.js';
import { createQrMatrix } from '../pdf/qr.js';
import { type Html, html, raw } from '../shared/html.js';
import { layout } from '../shared/layout.js';
import { formatShanghai } from '../shared/time.js';
import type { DrawNotice } from './draw-notice.js';

const row = (label: string, value: string | null) =>
  html`<tr><th>${label}</th><td><code>${value ?? '（摇号后公布）'}</code></td></tr>`;

/** The printed notices: their own stylesheet, no staff bar, titled without the brand. */
const notice = (title: string, stylesheet: string, body: Html) =>
  layout({ title, stylesheet, brandTitle: false }, body);

/** The QR as inline SVG, one path of unit squares: sharp on paper and on screen. */
function qrSvg(url: string): Html {
  const qr = createQrMatrix(url);
  let path = '';
  for (let row = 0; row < qr.size; row++)
    for (let col = 0; col < qr.size; col++) if (qr.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  const box = qr.size + 8;
  // The path is numbers and path letters only; the quiet zone is the viewBox's margin.
  return raw(
    `<svg viewBox="-4 -4 ${box} ${box}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="核验页面二维码"><rect x="-4" y="-4" width="${box}" height="${box}" fill="#fff"/><path d="${path}"/></svg>`,
  );
}

/** Issuer, date and the space for the office's seal, beside the QR that opens the verifier. */
function issuerBlock(drawNotice: DrawNotice, verifyUrl: string): Html {
  const dated = drawNotice.orderedAt ?? drawNotice.committedAt;
  return html`<div class="issuer-block">
<a class="verify-qr" href="${verifyUrl}">${qrSvg(verifyUrl)}扫码核验摇号结果</a>
<div class="seal"><div>（盖章处）</div><p>发布单位：${drawNotice.issuer ?? drawNotice.project.name}<br>日期：${dated ? formatShanghai(dated).slice(0, 10) : ''}</p></div>
</div>`;
}

/** Printable notice for the notary and the notice board: pure, from the notice JSON to HTML. */
export function renderDrawNoticePage(drawNotice: DrawNotice, verifyUrl: string): string {
  const order = drawNotice.order
    ? html`<h2>选房顺序</h2><ol class="order">${drawNotice.order.map((code) => html`<li>${code}</li>`)}</ol>`
    : html`<p class="pending">摇号尚未进行。摇号后本页公布密钥、公开随机值和选房顺序。</p>`;
  return notice(
    `摇号公示 · ${drawNotice.round.name}`,
    'draw-notice.css',
    html`<h1>${drawNotice.project.name} · ${drawNotice.round.name} 摇号公示</h1>
${drawNotice.issuer ? html`<p class="issuer">发布单位：${drawNotice.issuer}</p>` : ''}
<p>算法 <code>${drawNotice.algorithm}</code>：任何人均可用下列公开数据复算选房顺序。用手机扫描本页二维码或打开<a href="${verifyUrl}">核验页面</a>，页面会在浏览器中按本公示的数据重新计算，并显示“一致”或“不一致”。</p>
<table>
${row('参与户数', String(drawNotice.households.length))}
${row('名单哈希 listHash', drawNotice.listHash)}
${row('承诺值 commitment', drawNotice.commitment)}
${row('承诺公布时间', drawNotice.committedAt ? formatShanghai(drawNotice.committedAt) : null)}
${row('公开随机值 publicValue', drawNotice.publicValue)}
${row('密钥 secret', drawNotice.secret)}
${row('种子 seed', drawNotice.seed)}
${row('摇号时间', drawNotice.orderedAt ? formatShanghai(drawNotice.orderedAt) : null)}
</table>
<h2>参与户名单（按码位排序）</h2><p>${drawNotice.households.join('、')}</p>
${order}
${issuerBlock(drawNotice, verifyUrl)}
${anchorParagraph(drawNotice.auditCheckpoint)}`,
  );
}

/** The audit anchor as printed on public pages: the line, and how to check it later. */
export function anchorParagraph(cp: Checkpoint | undefined): Html | '' {
  if (!cp) return '';
  return html`<p class="audit-anchor" data-seq="${cp.seq}" data-hash="${cp.hash}">${checkpointLine(cp)}<br><small>本页生成时审计日志的状态。日后可用 <code>${checkpointCommand(cp)}</code> 核验审计记录未被改写。</small></p>`;
}

export interface ResultsPageData {
  project: string;
  round: string;
  unitsLeft: number;
  auditCheckpoint?: Checkpoint;
  rows: {
    position: number | null;
    batch: number | null;
    code: string;
    headName: string;
    flats: string[];
    buildingArea: string | null;
    note: string | null;
  }[];
}

/** 选房结果公示, printable; names arrive already masked. */
export function renderResultsPage(data: ResultsPageData): string {
  const rows = data.rows.map(
    (r) =>
      html`<tr><td>${r.position ?? ''}</td><td>${r.batch ?? ''}</td><td>${r.code}</td><td>${r.headName}</td><td>${r.flats.join('、') || r.note || '—'}</td><td>${r.buildingArea ?? ''}</td></tr>`,
  );
  return notice(
    `选房结果公示 · ${data.round}`,
    'results-notice.css',
    html`<h1>${data.project} · ${data.round} 选房结果公示</h1>
<p>尚余房源 ${data.unitsLeft} 套。户主姓名已作脱敏处理。</p>
<table><thead><tr><th>顺序号</th><th>批次</th><th>户号</th><th>户主</th><th>房源</th><th>建筑面积（㎡）</th></tr></thead><tbody>${rows}</tbody></table>
${anchorParagraph(data.auditCheckpoint)}`,
  );
}
