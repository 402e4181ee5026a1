import { type Html, html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';

// The door (签到处): whoever stands at the entrance signs households in, sees who has come and
// prints each one a queue ticket. Desk staff may stand there too; opening a batch stays the supervisor's.

const doorBody = (opensBatches: boolean): Html => html`<h1>签到处</h1>
<div class="card grid context"><div><label for="project">项目</label><select id="project" name="project"></select></div>
<div><label for="round">选房轮次</label><select id="round" name="round"></select></div></div>
<div id="message" class="message" hidden></div>
<section class="card"><h2>签到</h2><p id="open-batches" class="muted" aria-live="polite"></p>
${
  opensBatches
    ? html`<form id="batch-form" novalidate class="row"><label for="batch-number">开放批次号</label><input id="batch-number" type="number" min="1" value="1"><button type="submit" id="open-batch" class="secondary">开放该批叫号</button></form>`
    : ''
}
<form id="arrival-form" novalidate class="row"><label for="arrival-value">户号、身份证号或扫描通知书二维码</label><input id="arrival-value" maxlength="200" autocomplete="off" autofocus><button type="submit" id="arrive">签到</button></form>
<div id="arrival-result" class="arrival-result" hidden aria-live="polite"></div></section>
<section class="card"><h2>已签到 <span id="arrival-count" class="muted"></span></h2><div id="arrival-list" class="scroll"></div></section>`;

/** `opensBatches`: the supervisor's page, with the batch form and the way back to the rounds. */
export function doorPage(opensBatches: boolean): string {
  return layout(
    { title: '签到处', nav: true, bodyClass: 'staff', scripts: ['common.js', 'door.js'] },
    html`${opensBatches ? html`<nav class="subnav" aria-label="现场"><a href="/supervisor/rounds">选房轮次</a><a href="/door" aria-current="page">签到处</a></nav>` : ''}${doorBody(opensBatches)}`,
  );
}

export const ticketPaperKeys = ['58', '80', 'a6'] as const;
export type TicketPaper = (typeof ticketPaperKeys)[number];
const ticketPapers: Record<TicketPaper, string> = { '58': '58 mm 小票', '80': '80 mm 小票', a6: 'A6' };

/** The ticket's paper picks its stylesheet: each sets its own @page size (pages allow no inline style). */
export function ticketPage(paper: TicketPaper): string {
  const papers = Object.entries(ticketPapers).map(
    ([value, label]) =>
      html`<a href="?paper=${value}"${value === paper ? html` aria-current="page"` : ''}>${label}</a>`,
  );
  return layout(
    {
      title: '排队小票',
      bodyClass: `ticket-page paper-${paper}`,
      stylesheet: `ticket-${paper}.css`,
      scripts: ['ticket.js'],
    },
    html`<div class="no-print ticket-tools"><p class="row">纸张：${papers}</p><p class="row"><button type="button" id="print">打印小票</button><a href="/door">返回签到处</a></p>
<div id="message" class="message" hidden></div></div>
<article id="ticket" class="ticket" aria-label="排队小票"></article>`,
  );
}
