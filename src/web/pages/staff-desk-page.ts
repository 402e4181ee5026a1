import { type Stage, stageTable } from '../../checkin/stages.js';
import { type Html, html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';

// The fields of each desk's form are rendered here so that their ids and labels are stable for
// keyboard users and browser tests; desk-forms.js fills in what depends on the project or household
// (the checklist, the flats) and reads the values back.
const stageFields: Record<Stage, Html> = {
  documentReview: html`<p class="row"><button type="button" id="all-present" class="secondary">全部齐全</button><span class="muted">材料逐项核验无缺后可一次勾选全部</span></p>
<fieldset id="checklist"><legend>已核验的材料（逐项勾选）</legend><p class="muted">请先登录窗口。</p></fieldset>
<label class="check"><input type="checkbox" id="agent" name="agent"> 委托代理人办理（须另交授权委托书）</label>
<label for="note">备注（可不填）</label><textarea id="note" name="note" rows="2" maxlength="500"></textarea>`,
  idCheck: html`<fieldset><legend>到场人</legend>
<label class="check"><input type="radio" id="person-head" name="person" value="head" checked> 户主本人</label>
<label class="check"><input type="radio" id="person-agent" name="person" value="agent"> 委托代理人</label></fieldset>
<label for="id-number">到场人居民身份证号码</label><input id="id-number" name="idNumber" maxlength="30" autocomplete="off" inputmode="text">
<div id="agent-fields" hidden><label for="agent-name">代理人姓名</label><input id="agent-name" name="name" maxlength="32"></div>`,
  selection: html`<p class="muted">只列出该户可选的房源。点选房源后在对话框中确认。</p>
<div id="flat-filters" class="flat-filters">
<div><label for="filter-floor">楼层</label><select id="filter-floor"><option value="">全部楼层</option></select></div>
<div><label for="filter-layout">户型</label><select id="filter-layout"><option value="">全部户型</option></select></div>
<div><label for="filter-area-min">面积不小于（㎡）</label><input id="filter-area-min" type="number" min="0" step="1" inputmode="decimal"></div>
<div><label for="filter-area-max">面积不大于（㎡）</label><input id="filter-area-max" type="number" min="0" step="1" inputmode="decimal"></div>
<fieldset class="view-switch"><legend>显示方式</legend>
<label class="check"><input type="radio" name="flat-view" id="view-floors" value="floors" checked> 按楼层</label>
<label class="check"><input type="radio" name="flat-view" id="view-tiles" value="tiles"> 平铺</label></fieldset>
</div>
<p id="flat-count" class="muted" aria-live="polite"></p>
<div id="flat-list" class="flat-list"></div>
<dialog id="flat-dialog" aria-labelledby="flat-dialog-title"><h2 id="flat-dialog-title">确认选房</h2><p id="flat-dialog-text"></p>
<div class="row"><button type="button" id="flat-confirm">确认选房</button><button type="button" id="flat-cancel" class="secondary">取消</button></div></dialog>`,
  signing: html`<p>确认房源与面积结算无误后，点击“完成签约并生成协议编号”，再打印协议交双方签字。</p>
<label for="note">备注（可不填）</label><textarea id="note" name="note" rows="2" maxlength="500"></textarea>`,
  propertyRegistration: html`<div class="grid">
<div><label for="occupants">入住人数</label><input id="occupants" name="occupants" type="number" min="1" max="30" required></div>
<div><label for="phone">联系电话</label><input id="phone" name="phone" type="tel" maxlength="20" required></div>
<div><label for="emergency-name">紧急联系人姓名</label><input id="emergency-name" name="emergencyName" maxlength="32" required></div>
<div><label for="emergency-phone">紧急联系人电话</label><input id="emergency-phone" name="emergencyPhone" type="tel" maxlength="20" required></div>
<div><label for="vehicle-plate">车牌号（无车不填）</label><input id="vehicle-plate" name="vehiclePlate" maxlength="10" placeholder="如 甘A12345"></div>
<div><label for="fee-start-date">物业费起算日期</label><input id="fee-start-date" name="feeStartDate" type="date" required></div></div>`,
  keyHandover: html`<div class="grid">
<div><label for="keys">钥匙（把）</label><input id="keys" name="keys" type="number" min="1" max="20" required></div>
<div><label for="access-cards">门禁卡（张）</label><input id="access-cards" name="accessCards" type="number" min="0" max="20" required></div>
<div><label for="receipt-no">签收单号</label><input id="receipt-no" name="receiptNo" maxlength="40" required></div></div>`,
};

const submitText: Record<Stage, string> = {
  documentReview: '确认办理',
  idCheck: '确认办理',
  selection: '',
  signing: '完成签约并生成协议编号',
  propertyRegistration: '确认办理',
  keyHandover: '确认办理',
};

// 选房 passes over a household not ready (过号); 签约 may undo the choice before signing. Both ask
// for a reason in the shared confirmation dialog (static/confirm.js).
const extraActions: Record<Stage, Html | ''> = {
  documentReview: '',
  idCheck: '',
  selection: html`
      <button type="button" id="pass-open" class="danger">过号</button>`,
  signing: html`
      <button type="button" id="undo-open" class="danger">撤销选房</button>`,
  propertyRegistration: '',
  keyHandover: '',
};

/** The 选房 desk shows the line: whom it serves, who is next, who was passed over and why. */
const lineSection = (stage: Stage) =>
  stage === 'selection'
    ? html`
<section id="line" class="card" hidden aria-labelledby="line-title"><h2 id="line-title">选房队列</h2><div id="line-body"></div></section>`
    : '';

/** The 协议签订 desk can still take a signed copy after 叫下一位: for a household it signed recently. */
const lateUploadSection = (stage: Stage) =>
  stage === 'signing'
    ? html`<section id="late-upload" class="card" hidden aria-labelledby="late-upload-title"><h2 id="late-upload-title">补传签字件</h2>
<div class="grid"><div><label for="late-agreement">本窗口最近签约的安置户</label><select id="late-agreement"></select></div>
<div><label for="late-file">签字协议扫描件（PDF，页数不少于协议）</label><input type="file" id="late-file" accept="application/pdf,image/jpeg,image/png"></div></div>
<p class="row"><button type="button" id="late-upload-button">上传签字件</button></p></section>`
    : '';

export function deskPage(stage: Stage): string {
  const label = stageTable[stage].label;
  const submit = submitText[stage] ? html`<button type="submit" id="submit-stage">${submitText[stage]}</button>` : '';
  return layout(
    { title: `${stageTable[stage].label}窗口`, nav: true, bodyClass: 'staff', scripts: ['common.js', 'desk.js'] },
    html`<h1>${label}窗口</h1>
<div id="app" data-stage="${stage}" data-stage-label="${label}">
<form id="desk-setup" novalidate class="card">
  <h2>窗口设置</h2>
  <div class="grid">
    <div><label for="project">项目</label><select id="project" name="project" required></select></div>
    <div><label for="round">选房轮次</label><select id="round" name="round" required></select></div>
    <div><label for="desk-number">窗口号</label><input id="desk-number" name="deskNumber" maxlength="20" required placeholder="如 3号窗口"></div>
  </div>
  <p class="row"><button type="submit" id="desk-sign-in">登录窗口</button></p>
</form>
<div id="message" class="message" hidden></div>
<section id="work" class="card" hidden>
  <p class="row"><button type="button" id="call-next" class="huge">叫下一位</button><span id="call-status" class="big" aria-live="polite"></span>
    <span class="desk-signed"><span id="desk-status" class="muted"></span> <button type="button" id="desk-change" class="secondary small">更换窗口</button></span></p>
  <p id="announcement" class="announcement" role="status" hidden></p>
</section>
<section id="stage-card" class="card" hidden aria-labelledby="stage-title">
  <h2 id="stage-title">办理：${label}</h2>
  <form id="stage-form" novalidate>${stageFields[stage]}
    <p class="row actions">${submit}
      <button type="button" id="return-open" class="secondary">退回</button>
      <button type="button" id="no-show" class="secondary">未到场</button>${extraActions[stage]}</p>
  </form>
  <div id="return-box" hidden>
    <label for="return-reason">退回原因（须填写，将告知安置户）</label><textarea id="return-reason" rows="2" maxlength="500"></textarea>
    <p class="row"><button type="button" id="return-confirm" class="danger">确认退回</button><button type="button" id="return-cancel" class="secondary">取消</button></p>
  </div>
</section>${lineSection(stage)}
<section id="household" class="card" hidden aria-labelledby="household-title"><h2 id="household-title">安置户档案</h2><div id="household-file"></div></section>
${lateUploadSection(stage)}
<section id="after" class="card" hidden aria-labelledby="after-title"><h2 id="after-title">后续操作</h2><div id="after-body"></div></section>
</div>`,
  );
}
