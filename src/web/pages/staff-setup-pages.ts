import { html } from '../../shared/html.js';
import { roleLabels, roles } from '../../shared/roles.js';
import { importPanel } from './import-panel.js';
import { type SectionPage, shell } from './staff-supervisor-pages.js';

// Setting up a project (rules, buildings, flats), staff accounts, and one household's corrections.
// Prices are typed in 元/㎡ and areas in ㎡; the scripts turn them into fen and hundredths exactly.

const tierRows = [1, 2, 3].map(
  (
    n,
  ) => html`<div><label for="tier-${n}-upto">第 ${n} 档：超出面积累计至（㎡）</label><input id="tier-${n}-upto" inputmode="decimal"${n === 1 ? html` value="10.00"` : n === 2 ? html` value="20.00"` : ''}></div>
<div><label for="tier-${n}-price">第 ${n} 档单价（元/㎡）</label><input id="tier-${n}-price" inputmode="decimal"${n === 1 ? html` value="3200.00"` : n === 2 ? html` value="5600.00"` : ''}></div>`,
);

const setupBody = html`<section class="card"><h2>新建项目</h2><form id="project-form" novalidate>
<div class="grid"><div><label for="project-code">项目代号（大写字母或数字，如 FJW）</label><input id="project-code" required maxlength="10" autocapitalize="characters"></div>
<div><label for="project-name">项目名称</label><input id="project-name" required maxlength="100"></div>
<div><label for="project-office">征收实施单位 / 项目办</label><input id="project-office" required maxlength="100"></div></div>
<fieldset><legend>面积差价</legend><div class="grid">
<div><label for="shortfall-price">面积不足部分退还单价（元/㎡）</label><input id="shortfall-price" inputmode="decimal" required value="4800.00"></div>
${tierRows}
<div><label for="beyond-price">超出最后一档单价（市场价，元/㎡）</label><input id="beyond-price" inputmode="decimal" required value="8800.00"></div></div>
<p class="muted">超出面积按档累计计价；不用的档留空。</p></fieldset>
<fieldset><legend>过渡费</legend><div class="grid">
<div><label for="transition-basis">计发方式</label><select id="transition-basis"><option value="per_area">按被征收面积（每㎡每月）</option><option value="per_person">按人（每人每月）</option></select></div>
<div><label for="transition-rate">标准（元/月）</label><input id="transition-rate" inputmode="decimal" required value="12.00"></div>
<div><label for="transition-minimum">每户每月最低（元）</label><input id="transition-minimum" inputmode="decimal" value="800.00"></div>
<div><label for="transition-months">约定过渡期限（月）</label><input id="transition-months" type="number" min="1" max="120" required value="36"></div>
<div><label for="transition-overdue">超期后计发比例（%，200 即加倍）</label><input id="transition-overdue" type="number" min="100" max="1000" required value="200"></div></div></fieldset>
<label for="project-checklist">材料审核清单（每行一项，留空用默认清单）</label><textarea id="project-checklist" rows="4" maxlength="1600"></textarea>
<p><button type="submit" id="project-create">新建项目</button></p></form></section>
<section class="card"><h2>本项目楼栋</h2><div id="buildings"></div>
<h3>新建楼栋</h3><form id="building-form" novalidate><div class="grid">
<div><label for="building-zone">安置区</label><input id="building-zone" required maxlength="50" placeholder="如 安置B区"></div>
<div><label for="building-name">楼栋</label><input id="building-name" required maxlength="50" placeholder="如 7#楼"></div>
<div><label for="building-above">地上层数</label><input id="building-above" type="number" min="1" max="120" required value="18"></div>
<div><label for="building-below">地下层数</label><input id="building-below" type="number" min="0" max="10" required value="1"></div>
<div><label for="building-area">总建筑面积（㎡）</label><input id="building-area" inputmode="decimal" required></div>
<div><label for="building-entrances">单元数</label><input id="building-entrances" type="number" min="1" max="20" required value="2"></div></div>
<p><button type="submit" id="building-create">新建楼栋</button></p></form></section>
${importPanel('导入房源', ['units'])}`;

const roleChecks = (prefix: string) =>
  roles.map(
    (r) =>
      html`<label class="check"><input type="checkbox" id="${prefix}-role-${r}" name="${prefix}-role" value="${r}" data-label="${roleLabels[r]}"> ${roleLabels[r]}</label>`,
  );

const staffBody = html`<section class="card"><h2>账号列表</h2><div id="staff-list" class="scroll"></div></section>
<section id="staff-edit-card" class="card" hidden><h2 id="staff-edit-title">修改账号</h2><form id="staff-edit-form" novalidate>
<div class="grid"><div><label for="edit-display-name">更改姓名</label><input id="edit-display-name" maxlength="32" required></div>
<div><label for="edit-password">重设密码（至少 10 个字符，不改留空）</label><input id="edit-password" type="password" autocomplete="new-password" maxlength="256"></div></div>
<fieldset><legend>角色</legend>${roleChecks('edit')}</fieldset>
<fieldset><legend>所服务的项目</legend><label class="check"><input type="checkbox" id="edit-all-projects"> 全部项目（含以后新建的）</label><div id="edit-projects" class="checks"></div></fieldset>
<label class="check"><input type="checkbox" id="edit-active"> 启用（取消勾选即停用，停用后不能登录）</label>
<p class="row"><button type="submit" id="staff-save">保存修改</button><button type="button" id="staff-cancel" class="secondary">取消</button></p></form></section>
<section class="card"><h2>新建账号</h2><form id="staff-form" novalidate><div class="grid">
<div><label for="new-username">用户名（登录用，字母或数字）</label><input id="new-username" required maxlength="32" autocomplete="off"></div>
<div><label for="new-display-name">姓名</label><input id="new-display-name" required maxlength="32"></div>
<div><label for="new-password">初始密码（至少 10 个字符）</label><input id="new-password" type="password" required autocomplete="new-password" maxlength="256"></div></div>
<fieldset><legend>角色（至少一个）</legend>${roleChecks('new')}</fieldset>
<fieldset><legend>所服务的项目</legend><label class="check"><input type="checkbox" id="new-all-projects"> 全部项目（含以后新建的）</label><div id="new-projects" class="checks"></div></fieldset>
<p><button type="submit" id="staff-create">新建账号</button></p></form></section>`;

const householdBody = html`<section class="card"><form id="lookup-form" novalidate class="row"><label for="lookup-code">户号</label><input id="lookup-code" maxlength="32"><button type="submit" id="lookup">查找该户</button></form>
<div id="household-facts"></div></section>
<section id="subsidy-card" class="card" hidden><h2>过渡费</h2><form id="subsidy-form" novalidate class="row"><label for="subsidy-end">计算至（含当日）</label><input id="subsidy-end" type="date"><button type="submit" id="subsidy-calc">计算过渡费</button></form>
<p id="subsidy-total" class="big"></p><div id="subsidy-lines" class="scroll"></div></section>
<section id="workflow-card" class="card" hidden aria-labelledby="workflow-title"><h2 id="workflow-title">本轮选房与当日办理</h2><p id="workflow-facts" class="muted" hidden></p><div id="standing" class="standing"></div></section>
<section id="agreements-card" class="card" hidden><h2>本轮协议</h2><div id="agreement-list" class="scroll"></div>
<form id="regenerate-form" novalidate hidden><div class="grid"><div><label for="regenerate-agreement">重新生成的协议（原编号作废）</label><select id="regenerate-agreement"></select></div>
</div>
<p><button type="submit" id="regenerate" class="danger">重新生成</button></p></form>
<form id="signed-copy-form" novalidate hidden><h3>补传签字件</h3><div class="grid"><div><label for="signed-copy-agreement">协议</label><select id="signed-copy-agreement"></select></div>
<div><label for="signed-copy-file">签字协议扫描件（PDF，页数不少于协议）</label><input type="file" id="signed-copy-file" accept="application/pdf,image/jpeg,image/png"></div></div>
<p><button type="submit" id="signed-copy-upload">上传签字件</button></p></form></section>`;

export const setupPages: SectionPage[] = [
  {
    path: '/supervisor/setup',
    html: (viewer) => shell(viewer, '/supervisor/setup', 'supervisor-setup.js', setupBody, 'project'),
  },
  {
    path: '/supervisor/household',
    html: (viewer) => shell(viewer, '/supervisor/household', 'supervisor-household.js', householdBody, 'round'),
  },
  {
    path: '/admin/staff',
    html: (viewer) => shell(viewer, '/admin/staff', 'supervisor-staff.js', staffBody, 'none'),
  },
];
