// @ts-check
/** 工作人员账号 (admin only): list, create, change roles, deactivate, reset a password. */
import { api, busy, byId, failed, html, say, setHtml, table } from './context.js';

/** @typedef {{ id: string, username: string, displayName: string, roles: string[], active: boolean, allProjects: boolean, projectIds: string[], createdAt: string }} Staff */
/** @typedef {{ id: string, code: string, name: string }} Project */

/** @type {Project[]} */
let projects = [];

/** @type {Staff[]} */
let shown = [];
/** @type {Staff | null} */
let editing = null;

const input = (/** @type {string} */ id) => byId(id, HTMLInputElement);
/** Role names in Chinese, as the server printed them next to the checkboxes. */
const roleLabel = (/** @type {string} */ role) => document.getElementById(`new-role-${role}`)?.dataset.label ?? role;
const checkedRoles = (/** @type {string} */ prefix) =>
  [...document.querySelectorAll(`input[name="${prefix}-role"]`)]
    .filter((el) => el instanceof HTMLInputElement && el.checked)
    .map((el) => /** @type {HTMLInputElement} */ (el).value);

/** Staff belong to projects: a desk of one project neither reads nor works another's. */
const checkedProjects = (/** @type {string} */ prefix) =>
  [...document.querySelectorAll(`input[name="${prefix}-project"]`)]
    .filter((el) => el instanceof HTMLInputElement && el.checked)
    .map((el) => /** @type {HTMLInputElement} */ (el).value);
const projectNames = (/** @type {Staff} */ s) =>
  s.roles.includes('admin') || s.allProjects
    ? '全部项目'
    : s.projectIds.map((id) => projects.find((p) => p.id === id)?.name ?? id).join('、') || '（未分配）';

function renderProjectChecks(/** @type {string} */ prefix, /** @type {string[]} */ chosen) {
  setHtml(
    byId(`${prefix}-projects`),
    html`${projects.map(
      (p) =>
        html`<label class="check"><input type="checkbox" name="${prefix}-project" value="${p.id}"${chosen.includes(p.id) && html` checked`}> ${p.name}（${p.code}）</label>`,
    )}`,
  );
}

async function load() {
  [shown, projects] = await Promise.all([api('/api/staff'), api('/api/projects')]);
  renderProjectChecks('new', []);
  setHtml(
    byId('staff-list'),
    table(
      ['用户名', '姓名', '角色', '所服务的项目', '状态', ''],
      shown.map((s, i) => [
        s.username,
        s.displayName,
        s.roles.map(roleLabel).join('、'),
        projectNames(s),
        s.active ? '启用' : html`<strong>已停用</strong>`,
        html`<button type="button" class="secondary small" data-edit="${i}" aria-label="修改 ${s.username}">修改</button>`,
      ]),
      '尚无账号',
    ),
  );
}

function openEditor(/** @type {Staff} */ s) {
  editing = s;
  byId('staff-edit-title').textContent = `修改账号：${s.username}`;
  input('edit-display-name').value = s.displayName;
  input('edit-password').value = '';
  for (const el of document.querySelectorAll('input[name="edit-role"]'))
    if (el instanceof HTMLInputElement) el.checked = s.roles.includes(el.value);
  input('edit-active').checked = s.active;
  input('edit-all-projects').checked = s.allProjects;
  renderProjectChecks('edit', s.projectIds);
  byId('staff-edit-card').hidden = false;
  input('edit-display-name').focus();
}

byId('staff-list').addEventListener('click', (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-edit]');
  const s = button instanceof HTMLButtonElement ? shown[Number(button.dataset.edit)] : undefined;
  if (s) openEditor(s);
});
byId('staff-cancel').addEventListener('click', () => {
  byId('staff-edit-card').hidden = true;
  editing = null;
});

byId('staff-edit-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('staff-save', HTMLButtonElement), async () => {
    if (!editing) return;
    /** @type {Record<string, unknown>} */
    const body = {};
    const displayName = input('edit-display-name').value.trim();
    if (!displayName) throw new Error('请填写姓名');
    if (displayName !== editing.displayName) body.displayName = displayName;
    const roles = checkedRoles('edit');
    if (roles.length === 0) throw new Error('至少勾选一个角色');
    if (roles.slice().sort().join() !== editing.roles.slice().sort().join()) body.roles = roles;
    const allProjects = input('edit-all-projects').checked;
    if (allProjects !== editing.allProjects) body.allProjects = allProjects;
    const projectIds = checkedProjects('edit');
    if (projectIds.slice().sort().join() !== editing.projectIds.slice().sort().join()) body.projectIds = projectIds;
    const active = input('edit-active').checked;
    if (active !== editing.active) body.active = active;
    const password = input('edit-password').value;
    if (password) {
      if (password.length < 10) throw new Error('密码至少 10 个字符');
      body.password = password;
    }
    if (Object.keys(body).length === 0) throw new Error('没有修改任何内容');
    /** @type {Staff} */
    const saved = await api(`/api/staff/${encodeURIComponent(editing.id)}`, { method: 'PATCH', body });
    byId('staff-edit-card').hidden = true;
    editing = null;
    const what = [
      body.roles ? '角色' : '',
      body.projectIds || body.allProjects !== undefined ? '所服务的项目' : '',
      body.active === false ? '已停用' : body.active === true ? '已启用' : '',
      body.password ? '密码已重设' : '',
      body.displayName ? '姓名' : '',
    ]
      .filter(Boolean)
      .join('、');
    say(`已修改账号 ${saved.username}：${what}`, 'ok');
    await load();
  });
});

byId('staff-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('staff-create', HTMLButtonElement), async () => {
    const username = input('new-username').value.trim();
    const displayName = input('new-display-name').value.trim();
    const password = input('new-password').value;
    const roles = checkedRoles('new');
    if (!username) throw new Error('请填写用户名');
    if (!displayName) throw new Error('请填写姓名');
    if (password.length < 10) throw new Error('密码至少 10 个字符');
    if (roles.length === 0) throw new Error('至少勾选一个角色');
    const allProjects = input('new-all-projects').checked;
    const projectIds = checkedProjects('new');
    if (!roles.includes('admin') && !allProjects && projectIds.length === 0)
      throw new Error('请勾选该账号所服务的项目，或勾选“全部项目”');
    /** @type {Staff} */
    const created = await api('/api/staff', {
      method: 'POST',
      body: { username, displayName, password, roles, allProjects, projectIds },
    });
    byId('staff-form', HTMLFormElement).reset();
    say(`已新建账号 ${created.username}（${created.roles.map(roleLabel).join('、')}），请将初始密码当面告知本人`, 'ok');
    await load();
  });
});

try {
  await load();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
