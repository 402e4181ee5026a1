import { type Checkpoint, checkpointCommand, checkpointLine } from '../audit/checkpoint.js';
import { escapeHtml } from '../shared/html.js';
import { formatShanghai } from '../shared/time.js';
import type { DrawNotice } from './draw-notice.js';

const row = (label: string, value: string | null) =>
  `<tr><th>${escapeHtml(label)}</th><td><code>${escapeHtml(value ?? '（摇号后公布）')}</code></td></tr>`;

/** Printable notice for the notary and the notice board: pure, from the notice JSON to HTML. */
export function renderDrawNoticePage(notice: DrawNotice): string {
  const order = notice.order
    ? `<h2>选房顺序</h2><ol class="order">${notice.order.map((code) => `<li>${escapeHtml(code)}</li>`).join('')}</ol>`
    : '<p class="pending">摇号尚未进行。摇号后本页公布密钥、公开随机值和选房顺序。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>摇号公示 · ${escapeHtml(notice.round.name)}</title>
<link rel="stylesheet" href="/static/draw-notice.css"></head><body>
<h1>${escapeHtml(notice.project.name)} · ${escapeHtml(notice.round.name)} 摇号公示</h1>
<p>算法 <code>${escapeHtml(notice.algorithm)}</code>：任何人均可用下列公开数据复算选房顺序（命令 <code>npm run draw:verify -- notice.json</code>，无需数据库）。</p>
<table>
${row('参与户数', String(notice.households.length))}
${row('名单哈希 listHash', notice.listHash)}
${row('承诺值 commitment', notice.commitment)}
${row('承诺公布时间', notice.committedAt ? formatShanghai(notice.committedAt) : null)}
${row('公开随机值 publicValue', notice.publicValue)}
${row('密钥 secret', notice.secret)}
${row('种子 seed', notice.seed)}
${row('摇号时间', notice.orderedAt ? formatShanghai(notice.orderedAt) : null)}
</table>
<h2>参与户名单（按码位排序）</h2><p>${notice.households.map(escapeHtml).join('、')}</p>
${order}
${anchorParagraph(notice.auditCheckpoint)}
</body></html>`;
}

/** The audit anchor as printed on public pages: the line, and how to check it later. */
export function anchorParagraph(cp: Checkpoint | undefined): string {
  if (!cp) return '';
  return `<p class="audit-anchor" data-seq="${cp.seq}" data-hash="${escapeHtml(cp.hash)}">${escapeHtml(checkpointLine(cp))}<br><small>本页生成时审计日志的状态。日后可用 <code>${escapeHtml(checkpointCommand(cp))}</code> 核验审计记录未被改写。</small></p>`;
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
  const rows = data.rows
    .map(
      (r) =>
        `<tr><td>${r.position ?? ''}</td><td>${r.batch ?? ''}</td><td>${escapeHtml(r.code)}</td><td>${escapeHtml(r.headName)}</td><td>${escapeHtml(r.flats.join('、') || r.note || '—')}</td><td>${escapeHtml(r.buildingArea ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>选房结果公示 · ${escapeHtml(data.round)}</title>
<link rel="stylesheet" href="/static/results-notice.css"></head><body>
<h1>${escapeHtml(data.project)} · ${escapeHtml(data.round)} 选房结果公示</h1>
<p>尚余房源 ${data.unitsLeft} 套。户主姓名已作脱敏处理。</p>
<table><thead><tr><th>顺序号</th><th>批次</th><th>户号</th><th>户主</th><th>房源</th><th>建筑面积（㎡）</th></tr></thead><tbody>${rows}</tbody></table>
${anchorParagraph(data.auditCheckpoint)}
</body></html>`;
}
