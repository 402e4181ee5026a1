import { unitStatusLabels } from '../../buildings/unit-label.js';
import { type Html, html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';
import { type Actor, deskRoles, hasAnyRole, managerRoles, type Role } from '../../shared/roles.js';
import { importPanel } from './import-panel.js';

// The supervisor's work is split into small pages, each with one script, so an old desk PC loads
// only what the current task needs. Every page has one message box (#message) for the API's answer.
// One table says who may open each page: the routes check it and the nav offers only what it allows.
const adminOnly: readonly Role[] = ['admin'];
// Whoever may sign households in (the arrivals API's roles) may stand at the door.
const doorRoles: readonly Role[] = ['supervisor', ...deskRoles];
const sections = [
  { path: '/supervisor', label: '项目与房源', roles: managerRoles },
  { path: '/supervisor/households', label: '安置户', roles: managerRoles },
  { path: '/supervisor/rounds', label: '选房轮次', roles: managerRoles },
  { path: '/door', label: '签到处', roles: doorRoles },
  { path: '/supervisor/progress', label: '现场进度', roles: managerRoles },
  { path: '/supervisor/audit', label: '审计日志', roles: managerRoles },
  { path: '/supervisor/household', label: '单户办理', roles: managerRoles },
  { path: '/supervisor/setup', label: '新建项目与楼栋', roles: managerRoles },
  { path: '/admin/staff', label: '工作人员账号', roles: adminOnly },
] as const;

export type SectionPath = (typeof sections)[number]['path'];

/** Who may open a section's page. */
export const sectionRoles = (path: SectionPath): readonly Role[] =>
  sections.find((s) => s.path === path)?.roles ?? adminOnly;

/** A section page: the viewer decides which links the nav offers. */
export interface SectionPage {
  path: SectionPath;
  html: (viewer: Actor) => string;
}

/** `context`: which pickers head the page (the audit log spans every project). */
export function shell(
  viewer: Actor,
  path: SectionPath,
  script: string,
  body: Html,
  context: 'none' | 'project' | 'round',
): string {
  const current = sections.find((s) => s.path === path)?.label ?? '';
  const nav = sections
    .filter((s) => hasAnyRole(viewer, s.roles))
    .map((s) => html`<a href="${s.path}"${s.path === path ? html` aria-current="page"` : ''}>${s.label}</a>`);
  const round =
    context === 'round'
      ? html`<div><label for="round">选房轮次</label><select id="round" name="round"></select></div>`
      : '';
  const pickers =
    context === 'none'
      ? ''
      : html`<div class="card grid context"><div><label for="project">项目</label><select id="project" name="project"></select></div>${round}</div>`;
  return layout(
    { title: current, nav: true, bodyClass: 'staff', scripts: ['common.js', script] },
    html`<nav class="subnav" aria-label="管理功能">${nav}</nav><h1>${current}</h1>
${pickers}
<div id="message" class="message" hidden></div>${body}`,
  );
}

const projectsBody = html`<section class="card"><h2>项目信息</h2><dl id="project-facts" class="facts"></dl>
<p class="row">导出：<a id="export-households" class="button secondary" href="#">安置户花名册 .xlsx</a><a id="export-units" class="button secondary" href="#">房源表 .xlsx</a></p></section>
${importPanel('导入', ['households', 'units'])}
<section class="card"><h2>楼栋</h2><div id="buildings"></div></section>
<section class="card"><h2>房源</h2><label for="unit-status">房源状态</label>
<select id="unit-status"><option value="">全部</option>${Object.entries(unitStatusLabels).map(([value, label]) => html`<option value="${value}">${label}</option>`)}</select>
<div id="units" class="scroll"></div></section>`;

const householdsBody = html`<section class="card"><form id="search-form" novalidate class="row" role="search">
<label for="q" class="sr-only">查找</label><input id="q" name="q" maxlength="64" placeholder="户号、姓名或身份证号">
<button type="submit" id="search">查找</button></form><p id="total" class="muted"></p><div id="household-list" class="scroll"></div></section>
<section id="edit-card" class="card" hidden><h2 id="edit-title">更正档案</h2>
<form id="edit-form" novalidate><div class="grid">
<div><label for="edit-phone">联系电话</label><input id="edit-phone" name="phone" type="tel" maxlength="20"></div>
<div><label for="edit-demolished">被征收房屋面积（㎡）</label><input id="edit-demolished" name="demolishedArea" inputmode="decimal"></div>
<div><label for="edit-entitled">应安置面积（㎡）</label><input id="edit-entitled" name="entitledArea" inputmode="decimal"></div>
<div><label for="edit-agreement-no">补偿协议编号</label><input id="edit-agreement-no" name="compensationAgreementNo" maxlength="64"></div></div>
<fieldset><legend>优先条件</legend><label class="check"><input type="checkbox" id="edit-elderly"> 高龄</label><label class="check"><input type="checkbox" id="edit-disabled"> 残疾</label><label class="check"><input type="checkbox" id="edit-low-income"> 低保</label></fieldset>
<label for="edit-notes">备注</label><textarea id="edit-notes" rows="2" maxlength="2000"></textarea>
<label for="edit-reason">修改原因（必填，记入审计日志）</label><input id="edit-reason" name="reason" maxlength="500" required>
<p class="row"><button type="submit" id="edit-save">保存更正</button><button type="button" id="edit-cancel" class="secondary">取消</button></p></form></section>`;

const roundsBody = html`<section class="card"><h2>本轮</h2><dl id="round-facts" class="facts"></dl>
<p class="row" id="notice-links"></p>
<div class="row actions"><button type="button" id="commit">公布摇号承诺值</button><button type="button" id="fix-order">按签约时间确定顺序（先签先选）</button></div>
<form id="import-order-form" novalidate><label for="import-order-codes">导入的选房顺序（每行一个户号，第 1 行最先选房）</label><textarea id="import-order-codes" rows="4" maxlength="200000"></textarea><p><button type="submit" id="import-order">按导入顺序确定选房顺序</button></p></form>
<form id="draw-form" novalidate class="row"><label for="public-value">现场公开随机值</label><input id="public-value" maxlength="500" placeholder="如 07 19 23 31 42"><button type="submit" id="draw">摇号</button></form>
<p id="door-link" class="row"><a class="button secondary" href="/door">签到处：开放批次、签到、排队小票</a></p>
<p class="row"><button type="button" id="close-round" class="danger">结束选房</button><span class="muted">选房日结束时使用：本轮不再叫号选房。</span></p>
<div class="row"><button type="button" id="print-start" class="secondary">批量生成本轮协议</button><progress id="print-progress" max="1" value="0" hidden></progress><span id="print-status" aria-live="polite"></span><a id="print-file" class="button" hidden href="#">下载协议压缩包</a></div></section>
<section class="card"><h2>新建选房轮次</h2><form id="round-form" novalidate><div class="grid">
<div><label for="round-name">名称</label><input id="round-name" required maxlength="50" value="分房日"></div>
<div><label for="order-method">选房顺序</label><select id="order-method"><option value="lottery">摇号</option><option value="signing_time">按签约时间（先签先选）</option><option value="imported">导入顺序</option></select></div>
<div><label for="max-excess">最多超出应安置面积（㎡）</label><input id="max-excess" inputmode="decimal" value="40.00" required></div>
<div><label for="batch-size">每批户数</label><input id="batch-size" type="number" min="1" max="500" value="10" required></div></div>
<fieldset><legend>优先选房（高龄、残疾户优先选择低楼层）</legend><label class="check"><input type="checkbox" id="priority-elderly"> 高龄户</label><label class="check"><input type="checkbox" id="priority-disabled"> 残疾户</label>
<div><label for="priority-floors">优先户可选楼层上限（层及以下）</label><input id="priority-floors" type="number" min="1" max="100" placeholder="如 3"></div>
<p class="muted">勾选后，所勾选的优先户先于其他户选择该楼层及以下的房源；都不勾选即不设优先。</p></fieldset>
<p class="muted">参与户与房源默认为本项目全部安置户和全部可选房源。</p><p><button type="submit" id="round-create">新建轮次</button></p></form></section>`;

const progressBody = html`<section class="card"><h2>总体</h2><dl id="totals" class="facts"></dl><p id="live" class="muted" aria-live="polite"></p></section>
<section class="card"><h2>各事项队列：谁在办理、下一位、谁暂缓及原因</h2><div id="queues" class="scroll"></div></section>
<section class="card"><h2>各窗口</h2><div id="stage-table" class="scroll"></div>
<h3>已办结户数随时间变化</h3><div id="chart" class="chart" role="img" aria-label="各事项已办结户数随时间变化"></div><div id="chart-legend" class="row"></div></section>
<section class="card"><h2>各批次</h2><div id="batch-table" class="scroll"></div><h3>等候最久</h3><div id="waiting-table"></div></section>
<section class="card"><h2>单户更正（须填写原因）</h2>
<form id="lookup-form" novalidate class="row"><label for="lookup-code">户号</label><input id="lookup-code" maxlength="32"><button type="submit" id="lookup">查找该户</button></form>
<div id="standing" class="standing" hidden></div></section>`;

const auditBody = html`<section class="card"><p class="row"><button type="button" id="verify">校验审计链</button></p>
<form id="audit-form" novalidate class="grid"><div><label for="entity-id">对象编号（可留空）</label><input id="entity-id" maxlength="64"></div>
<div><label for="entity-type">对象类型</label><select id="entity-type"><option value="">全部</option><option value="household">安置户</option><option value="round">选房轮次</option><option value="project">项目</option><option value="staff">工作人员</option><option value="unit">房源</option><option value="building">楼栋</option></select></div>
<div><button type="submit" id="audit-search">查询</button></div></form><div id="audit-list" class="scroll"></div>
<p><button type="button" id="audit-more" class="secondary" hidden>更早的记录</button></p></section>`;

export const supervisorPages: SectionPage[] = [
  { path: '/supervisor', html: (viewer) => shell(viewer, '/supervisor', 'supervisor.js', projectsBody, 'project') },
  {
    path: '/supervisor/households',
    html: (viewer) => shell(viewer, '/supervisor/households', 'supervisor-households.js', householdsBody, 'project'),
  },
  {
    path: '/supervisor/rounds',
    html: (viewer) => shell(viewer, '/supervisor/rounds', 'supervisor-rounds.js', roundsBody, 'round'),
  },
  {
    path: '/supervisor/progress',
    html: (viewer) => shell(viewer, '/supervisor/progress', 'supervisor-progress.js', progressBody, 'round'),
  },
  {
    path: '/supervisor/audit',
    html: (viewer) => shell(viewer, '/supervisor/audit', 'supervisor-audit.js', auditBody, 'none'),
  },
];
