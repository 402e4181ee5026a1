// @ts-check
/** 审计日志: newest first, filtered by object; the hash chain checked on demand. */
import { changeLines } from './audit-changes.js';
import { api, beijing, busy, byId, html, say, setHtml, table } from './context.js';
import { auditActionLabels } from './labels.js';

/** @typedef {{ seq: number, at: string, actorName: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown, hash: string }} AuditRow */

const PAGE = 100;
/** @type {AuditRow[]} */
let rows = [];

/** The object kinds as the filter above names them. */
const entityWords = Object.freeze({
  household: '安置户',
  round: '选房轮次',
  project: '项目',
  staff: '工作人员',
  unit: '房源',
  building: '楼栋',
  agreement: '协议',
  login: '登录',
});

/** Before and after as 字段：值 lines; a field the act left as it was is not repeated on either side. */
function changeCells(/** @type {AuditRow} */ row) {
  const before = changeLines(row.before, row.entityType);
  const after = changeLines(row.after, row.entityType);
  const unchanged = new Set(before.filter((line) => after.includes(line)));
  const cell = (/** @type {string[]} */ lines) =>
    html`<div class="change-lines">${lines.filter((l) => !unchanged.has(l)).map((l) => html`<div>${l}</div>`)}</div>`;
  return [cell(before), cell(after)];
}

function query(/** @type {number | null} */ beforeSeq) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  const entityId = byId('entity-id', HTMLInputElement).value.trim();
  const entityType = byId('entity-type', HTMLSelectElement).value;
  if (entityId) params.set('entityId', entityId);
  if (entityType) params.set('entityType', entityType);
  if (beforeSeq) params.set('beforeSeq', String(beforeSeq));
  return `/api/audit?${params}`;
}

function render() {
  setHtml(
    byId('audit-list'),
    table(
      ['序号', '时间', '操作人', '操作', '对象', '修改前', '修改后'],
      rows.map((r) => [
        r.seq,
        beijing(r.at),
        r.actorName,
        // The words staff read; the stored code stays in the tooltip for anyone matching rows by hand.
        html`<span title="${r.action}">${auditActionLabels[r.action] ?? r.action}</span>`,
        html`${entityWords[/** @type {keyof typeof entityWords} */ (r.entityType)] ?? r.entityType}<br><span class="mono small">${r.entityId}</span>`,
        ...changeCells(r),
      ]),
      '没有符合条件的记录',
    ),
  );
}

async function load(/** @type {boolean} */ more) {
  const last = rows[rows.length - 1];
  /** @type {AuditRow[]} */
  const page = await api(query(more && last ? last.seq : null));
  rows = more ? [...rows, ...page] : page;
  render();
  byId('audit-more').hidden = page.length < PAGE;
}

byId('audit-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('audit-search', HTMLButtonElement), () => load(false));
});
const more = byId('audit-more', HTMLButtonElement);
more.addEventListener('click', () => busy(more, () => load(true)));
const verify = byId('verify', HTMLButtonElement);
verify.addEventListener('click', () =>
  busy(verify, async () => {
    /** @type {{ ok: boolean, message: string }} */
    const report = await api('/api/audit/verify');
    say(report.message, report.ok ? 'ok' : 'error');
  }),
);

// The entity id can come in the address, e.g. from a household's page: /supervisor/audit?entityId=…
const fromUrl = new URLSearchParams(location.search).get('entityId');
if (fromUrl) byId('entity-id', HTMLInputElement).value = fromUrl;
void busy(byId('audit-search', HTMLButtonElement), () => load(false));
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
