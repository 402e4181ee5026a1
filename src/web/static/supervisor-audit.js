// @ts-check
/** 审计日志: newest first, filtered by object; the hash chain checked on demand. */
import { api, beijing, busy, byId, html, say, setHtml, table } from './context.js';
import { auditActionLabels } from './labels.js';

/** @typedef {{ seq: number, at: string, actorName: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown, hash: string }} AuditRow */

const PAGE = 100;
/** @type {AuditRow[]} */
let rows = [];

/** Before/after as compact JSON, cut short so a long import report does not flood the table. */
const brief = (/** @type {unknown} */ value) => {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

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
        // The words staff read, with the stored code beside it for anyone matching rows by hand.
        html`${auditActionLabels[r.action] ?? r.action}<br><span class="mono small">${r.action}</span>`,
        html`${r.entityType}<br><span class="mono small">${r.entityId}</span>`,
        html`<span class="mono small">${brief(r.before)}</span>`,
        html`<span class="mono small">${brief(r.after)}</span>`,
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
