// @ts-check
/** Shared by every page: JSON calls with Chinese error messages, the signed-in bar, the HTML template. */
export { Html, html, raw, setHtml } from './html.js';

/**
 * @param {string} url
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [options]
 * @returns {Promise<any>}
 */
export async function api(url, options = {}) {
  const init = {
    method: options.method ?? 'GET',
    headers: { ...(options.headers ?? {}) },
    credentials: /** @type {RequestCredentials} */ ('same-origin'),
  };
  if (options.body !== undefined) {
    init.headers['content-type'] = 'application/json';
    Object.assign(init, { body: JSON.stringify(options.body) });
  }
  const res = await fetch(url, init);
  if (res.status === 401) {
    location.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    throw new Error('请先登录');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = res.status === 204 ? null : type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const error = new Error(
      data && typeof data === 'object' && 'message' in data ? String(data.message) : `请求失败（${res.status}）`,
    );
    Object.assign(error, { status: res.status, body: data });
    throw error;
  }
  return data;
}

/** @param {HTMLElement | null} el @param {string} text @param {'error'|'ok'|'warn'} kind */
export function show(el, text, kind = 'error') {
  if (!el) return;
  el.textContent = text;
  el.className = `message ${kind}`;
  el.hidden = false;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

async function topbar() {
  const who = document.getElementById('who');
  if (who) {
    try {
      const me = await api('/api/auth/me');
      who.textContent = `${me.displayName}（${me.username}）`;
    } catch {
      /* the page itself reports a missing session */
    }
  }
  document.getElementById('logout')?.addEventListener('click', async () => {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    location.href = '/login';
  });
}
void topbar();
