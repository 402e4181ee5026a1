// @ts-check
/** Shared by the staff pages: the message box, project/round pickers remembered per PC, uploads, tables. */
import { api, html, setHtml, show } from './common.js';
import { fieldInput, withLabels } from './field-labels.js';

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} [type] the element class expected, for the type checker
 * @returns {T}
 */
export function byId(id, type) {
  const el = document.getElementById(id);
  if (!el || (type && !(el instanceof type))) throw new Error(`页面缺少元素 #${id}`);
  return /** @type {T} */ (el);
}

/** One visible message box per page (#message); scrolled into view so a refusal is never missed. */
export function say(/** @type {string} */ text, /** @type {'error'|'ok'|'warn'} */ kind = 'error') {
  const box = document.getElementById('message');
  show(box, text, kind);
  box?.scrollIntoView({ block: 'nearest' });
}

/** Shows an API refusal (its Chinese `message`, field paths as their labels) or any other failure. */
export function failed(/** @type {unknown} */ err) {
  say(err instanceof Error ? withLabels(err.message) : String(err), 'error');
  const body = err instanceof Error ? /** @type {{ body?: { field?: unknown } }} */ (err).body : undefined;
  fieldInput(typeof body?.field === 'string' ? body.field : undefined)?.focus();
}

export function clearMessage() {
  const box = document.getElementById('message');
  if (box) box.hidden = true;
}

/** Runs a button's action once at a time: a double click does not send a second request. */
export async function busy(/** @type {HTMLButtonElement} */ button, /** @type {() => Promise<void>} */ action) {
  if (button.disabled) return;
  button.disabled = true;
  try {
    await action();
  } catch (err) {
    failed(err);
  } finally {
    button.disabled = false;
  }
}

const KEY_PROJECT = 'anju.projectId';
const KEY_ROUND = 'anju.roundId';

/**
 * @param {HTMLSelectElement} select
 * @param {{ value: string, text: string }[]} options
 * @param {string | null} wanted
 */
function fill(select, options, wanted) {
  setHtml(select, html`${options.map((o) => html`<option value="${o.value}">${o.text}</option>`)}`);
  if (wanted && options.some((o) => o.value === wanted)) select.value = wanted;
}

/**
 * Fills #project (and #round when present) from the API, restores the last choice made on this PC,
 * remembers new choices and calls `onChange` with the current ids.
 * @param {(ids: { projectId: string, roundId: string }) => void} onChange
 * @param {{ rounds: boolean }} options
 */
export async function pickContext(onChange, options) {
  const projectSelect = byId('project', HTMLSelectElement);
  const roundSelect = options.rounds ? byId('round', HTMLSelectElement) : null;
  const current = () => ({ projectId: projectSelect.value, roundId: roundSelect?.value ?? '' });
  const loadRounds = async () => {
    if (!roundSelect) return;
    const rounds = projectSelect.value
      ? await api(`/api/projects/${encodeURIComponent(projectSelect.value)}/rounds`)
      : [];
    /** @type {{ id: string, name: string, statusText: string }[]} */
    const list = rounds;
    fill(
      roundSelect,
      list.map((r) => ({ value: r.id, text: `${r.name}（${r.statusText}）` })),
      localStorage.getItem(KEY_ROUND),
    );
    if (list.length === 0) setHtml(roundSelect, html`<option value="">（尚无选房轮次）</option>`);
    if (roundSelect.value) localStorage.setItem(KEY_ROUND, roundSelect.value);
  };
  /** @type {{ id: string, name: string }[]} */
  const projects = await api('/api/projects');
  fill(
    projectSelect,
    projects.map((p) => ({ value: p.id, text: p.name })),
    localStorage.getItem(KEY_PROJECT),
  );
  if (projects.length === 0) setHtml(projectSelect, html`<option value="">（尚无项目）</option>`);
  await loadRounds();
  projectSelect.addEventListener('change', async () => {
    localStorage.setItem(KEY_PROJECT, projectSelect.value);
    try {
      await loadRounds();
      onChange(current());
    } catch (err) {
      failed(err);
    }
  });
  roundSelect?.addEventListener('change', () => {
    localStorage.setItem(KEY_ROUND, roundSelect.value);
    onChange(current());
  });
  if (projectSelect.value) localStorage.setItem(KEY_PROJECT, projectSelect.value);
  return {
    current,
    /** Reload the rounds (after one is created) and select `roundId`. */
    async reloadRounds(/** @type {string} */ roundId) {
      localStorage.setItem(KEY_ROUND, roundId);
      await loadRounds();
      onChange(current());
    },
  };
}

/**
 * Sends a file as the raw request body with its own content type (imports, signed copies).
 * @param {string} url
 * @param {File} file
 * @param {string} fallbackType used when the browser does not know the file's type (.csv on some PCs)
 * @returns {Promise<any>}
 */
export async function upload(url, file, fallbackType) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || fallbackType },
    body: file,
  });
  if (res.status === 401) {
    location.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    throw new Error('请先登录');
  }
  const data = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
  if (!res.ok) {
    const error = new Error(data && typeof data.message === 'string' ? data.message : `上传失败（${res.status}）`);
    Object.assign(error, { status: res.status, body: data });
    throw error;
  }
  return data;
}

/**
 * An HTML table; cells are text (escaped) unless they are template results.
 * @param {string[]} headers
 * @param {import('./html.js').HtmlValue[][]} rows
 * @param {string} [empty]
 */
export function table(headers, rows, empty = '暂无记录') {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  const head = headers.map((h) => html`<th scope="col">${h}</th>`);
  const body = rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`);
  return html`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** UTC ISO text shown as Beijing time, the way staff read clocks on the day. */
export function beijing(/** @type {string | null | undefined} */ iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export { api, html, raw, setHtml } from './common.js';
