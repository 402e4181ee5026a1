import { anchorParagraph, type ResultsPageData } from '../../allocation/notice-page.js';
import { type HtmlValue, html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';
import { formatShanghai } from '../../shared/time.js';

const cell = (label: string, value: HtmlValue, cls = '') =>
  html`<td data-label="${label}"${cls ? html` class="${cls}"` : ''}>${value}</td>`;

/** 选房结果公示 for phones and the notice board: names arrive masked; rows become cards on a narrow screen. */
export function gongshiPage(roundId: string, data: ResultsPageData, now: Date): string {
  const chosen = data.rows.filter((r) => r.flats.length > 0).length;
  const forfeited = data.rows.filter((r) => r.flats.length === 0 && r.note !== null).length;
  const rows = data.rows.map((r) => {
    const flats =
      r.flats.length > 0
        ? r.flats.map((flat, i) => html`${i > 0 ? html`<br>` : ''}${flat}`)
        : html`<span class="muted">${r.note ?? '未选'}</span>`;
    return html`<tr data-code="${r.code}" data-position="${r.position ?? ''}">${cell('顺序号', r.position === null ? '—' : `第 ${r.position} 号`, 'pos')}${cell('批次', r.batch === null ? '—' : String(r.batch))}${cell('户号', r.code)}${cell('户主', r.headName)}${cell('所选房源', flats)}${cell('建筑面积（㎡）', r.buildingArea ?? '—')}</tr>`;
  });
  const id = encodeURIComponent(roundId);
  return layout(
    { title: `选房结果公示 · ${data.round}`, scripts: ['gongshi.js'], bodyClass: 'gongshi' },
    html`<header class="gongshi-head">
<p class="gongshi-project">${data.project}</p>
<h1>${data.round} 选房结果公示</h1>
<dl class="gongshi-stats"><div><dt>参与户数</dt><dd>${data.rows.length}</dd></div><div><dt>已选房</dt><dd>${chosen}</dd></div><div><dt>放弃</dt><dd>${forfeited}</dd></div><div><dt>剩余房源</dt><dd>${data.unitsLeft} 套</dd></div></dl>
<p class="muted" id="gongshi-time">户主姓名已按统一规则脱敏（保留姓氏）。公示生成时间：${formatShanghai(now.toISOString())}（北京时间）。</p>
</header>
<div class="gongshi-tools no-print" id="gongshi-tools" data-round-id="${roundId}">
  <p class="row"><span id="gongshi-link" class="live-state" role="status">正在连接…</span><button type="button" id="gongshi-refresh" class="secondary">刷新</button><span id="gongshi-updated" class="muted" aria-live="polite"></span></p>
  <label for="gongshi-search">按户号或顺序号查找</label>
  <input id="gongshi-search" type="search" placeholder="如 B7-001 或 12" autocomplete="off">
  <p id="gongshi-count" class="muted" aria-live="polite"></p>
  <p class="row"><button type="button" id="gongshi-print">打印公示</button><a href="/public/rounds/${id}/results.xlsx">下载 Excel</a><a href="/public/rounds/${id}/notice">摇号公示</a></p>
</div>
<table class="gongshi-table"><caption class="visually-hidden">选房结果</caption>
<thead><tr><th scope="col">顺序号</th><th scope="col">批次</th><th scope="col">户号</th><th scope="col">户主</th><th scope="col">所选房源</th><th scope="col">建筑面积（㎡）</th></tr></thead>
<tbody id="gongshi-rows">${rows}</tbody></table>
<p class="gongshi-foot">如对公示内容有异议，请在公示期内向项目办公室书面反映。</p>
${anchorParagraph(data.auditCheckpoint)}`,
  );
}
