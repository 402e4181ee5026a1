// @ts-check
/** Login form: posts the credentials as JSON and goes on to `next` (a path on this site) or home. */
import { show } from './common.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('login-form'));
const message = document.getElementById('message');
const button = /** @type {HTMLButtonElement} */ (document.getElementById('login'));

/** Same rule as the server: a path on this site, never `//host`, never back to the login page. */
function nextPath() {
  const next = /** @type {HTMLInputElement} */ (document.getElementById('next')).value;
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login')
    ? next
    : '/';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (button.disabled) return;
  const data = new FormData(form);
  const username = String(data.get('username') ?? '').trim();
  const password = String(data.get('password') ?? '');
  if (!username || !password) {
    show(message, '请填写用户名和密码');
    return;
  }
  button.disabled = true;
  try {
    // Not api(): a wrong password answers 401, which api() treats as "go to the login page".
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null;
    if (!res.ok) {
      show(message, body && typeof body.message === 'string' ? body.message : `登录失败（${res.status}）`);
      return;
    }
    show(message, '登录成功，正在进入…', 'ok');
    location.href = nextPath();
  } catch {
    show(message, '无法连接服务器，请检查网络后重试');
  } finally {
    button.disabled = false;
  }
});
