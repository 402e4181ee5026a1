import { html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';

/** The hall's big screen: who is called to which desk, whose turn it is to choose, flats left by layout. */
export function hallPage(roundId: string, project: string, round: string): string {
  return layout(
    { title: `叫号大屏 · ${round}`, scripts: ['hall.js'], bodyClass: 'hall' },
    html`<div class="hall-screen" id="hall" data-round-id="${roundId}">
<header class="hall-head"><h1>${project} · ${round}</h1>
  <dl class="hall-counts" aria-label="今日户数"><div><dt>已签到</dt><dd id="count-arrived">—</dd></div><div><dt>等候</dt><dd id="count-waiting">—</dd></div><div><dt>已选房</dt><dd id="count-chosen">—</dd></div></dl>
  <p class="hall-clock"><span id="hall-clock"></span> <span id="hall-link" class="live-state" role="status">正在连接…</span> <button type="button" id="hall-voice" class="hall-voice" aria-pressed="true">语音叫号：开</button></p></header>
<section class="hall-now" aria-labelledby="now-title">
  <h2 id="now-title">正在叫号</h2>
  <div id="now-calling" class="now-calling" aria-live="assertive" aria-atomic="true"><p class="hall-idle">等待叫号</p></div>
</section>
<section class="hall-recent" aria-labelledby="recent-title">
  <h2 id="recent-title">最近叫号</h2>
  <ol id="recent-calls" class="recent-calls"><li class="hall-idle">暂无</li></ol>
</section>
<section class="hall-turn" aria-labelledby="turn-title">
  <h2 id="turn-title">选房顺序</h2>
  <p class="turn-now">轮到 <strong id="turn-position">—</strong></p>
  <p id="turn-passed" class="turn-passed" role="status" hidden></p>
  <p class="turn-label">即将选房</p>
  <ol id="next-numbers" class="next-numbers"></ol>
</section>
<section class="hall-left" aria-labelledby="left-title">
  <h2 id="left-title">剩余房源 <strong id="units-left">—</strong> 套</h2>
  <table class="layout-left"><thead><tr><th scope="col">户型</th><th scope="col">面积（㎡）</th><th scope="col">剩余</th></tr></thead><tbody id="left-by-layout"></tbody></table>
</section>
</div>`,
  );
}

/** 销控表: the building as floors × flats, coloured by status, filtered by layout and area. */
export function boardPage(roundId: string, project: string, round: string): string {
  return layout(
    { title: `销控表 · ${round}`, scripts: ['board.js'], bodyClass: 'board' },
    html`<div id="board" data-round-id="${roundId}">
<header class="board-head"><h1>销控表 <span class="muted">${project} · ${round}</span></h1>
<p class="row"><span id="board-link" class="live-state" role="status">正在连接…</span><span id="board-summary" aria-live="polite"></span></p></header>
<button type="button" id="filter-toggle" class="filter-toggle secondary" aria-expanded="false" aria-controls="board-filter">筛选房源</button>
<form id="board-filter" class="board-filter card" role="search" aria-label="筛选房源">
  <div><label for="filter-layout">户型</label><select id="filter-layout"><option value="">全部户型</option></select></div>
  <div><label for="filter-min">面积不小于（㎡）</label><input id="filter-min" type="number" min="0" step="0.01" inputmode="decimal"></div>
  <div><label for="filter-max">面积不大于（㎡）</label><input id="filter-max" type="number" min="0" step="0.01" inputmode="decimal"></div>
  <div><label class="check"><input id="filter-free" type="checkbox">只看可选房源</label><button type="reset" class="secondary">清除筛选</button></div>
</form>
<ul class="legend" aria-label="图例"><li><span class="swatch available"></span>可选</li><li><span class="swatch allocated"></span>已选</li><li><span class="swatch reserved"></span>保留</li><li><span class="swatch dim"></span>不符合筛选</li></ul>
<div id="board-buildings"><p class="muted">正在载入房源…</p></div>
<p id="board-error" class="message error" hidden></p>
</div>`,
  );
}
