/**
 * The same agreement as one HTML page (screen preview, and the browser-rendered yardstick the
 * benchmark compares the PDF renderer with). Pure: view and template in, HTML out.
 */
import QRCode from 'qrcode';
import { type Html, html, raw } from '../shared/html.js';
import { layout } from '../shared/layout.js';
import { settlementSummaryOf } from './agreement-placeholders.js';
import {
  type AgreementTemplate,
  fillText,
  type PlaceholderValues,
  placeholderValues,
  type TemplateBlock,
} from './agreement-template.js';
import type { AgreementView } from './agreement-view.js';

const table = (headers: string[], rows: string[][]) =>
  html`<table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</tbody></table>`;

const blocks: Record<TemplateBlock, (view: AgreementView) => Html> = {
  members: (v) =>
    table(
      ['序号', '姓名', '与户主关系', '居民身份证号码'],
      v.household.members.map((m, i) => [String(i + 1), m.name, m.relation, m.idNumber]),
    ),
  settlement: (v) =>
    html`${table(
      ['项目', '面积（㎡）', '单价（元/㎡）', '金额（元）'],
      v.settlement.lines.map((l) => [l.label, l.area, l.unitPrice, l.amount]),
    )}<p class="strong">结算结果：${settlementSummaryOf(v.settlement)}</p>`,
  transition: (v) =>
    html`${table(
      ['项目', '期间', '金额（元）'],
      v.transition.lines.map((l) => [l.label, l.period, l.amount]),
    )}<p class="strong">过渡费合计：人民币 ${v.transition.totalYuan} 元（大写：${v.transition.totalCapital}）</p>`,
  signatures: (v) =>
    html`<div class="signatures"><div>甲方（盖章）：${v.officeName}<br>经办人签字：<br>日期：${v.signingDate}</div><div>乙方（签字）：${v.household.headName}<br>身份证号：${v.household.headIdNumber}<br>日期：${v.signingDate}<div class="thumb">按手印</div></div></div>`,
};

function qrSvg(url: string): Html {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let path = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
  // The path is made of numbers and path letters only.
  return raw(`<svg class="qr" viewBox="0 0 ${n} ${n}" xmlns="http://www.w3.org/2000/svg"><path d="${path}"/></svg>`);
}

const printCss = (fontUrl: string) => `@font-face{font-family:cjk;src:url(${JSON.stringify(fontUrl)})}
@page{size:A4;margin:22mm 20mm}body{font-family:cjk,sans-serif;font-size:13.5pt;line-height:1.7}
h1{text-align:center;font-size:22pt;margin:0}.number{text-align:center;font-size:10pt}h2{font-size:15pt;margin:1em 0 .3em}
p.indent{text-indent:2em}table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #333;padding:4px 6px}
.strong{font-weight:bold}.signatures{display:flex;justify-content:space-between;margin-top:2em}.thumb{border:1px solid #333;width:28mm;height:28mm;text-align:center}
.qr{position:fixed;right:0;bottom:0;width:22mm;height:22mm}footer{position:fixed;bottom:0;left:0;font-size:10pt}`;

export function renderAgreementHtml(view: AgreementView, template: AgreementTemplate, fontUrl: string): string {
  const values: PlaceholderValues = placeholderValues(view);
  const body = template.elements.map((e) => {
    if (e.kind === 'article') return html`<h2>${fillText(e.heading, values)}</h2>`;
    if (e.kind === 'paragraph') return html`<p class="${e.indent ? 'indent' : ''}">${fillText(e.text, values)}</p>`;
    return blocks[e.block](view);
  });
  return layout(
    { title: values.number, stylesheet: null, css: printCss(fontUrl), brandTitle: false, viewport: false },
    html`<h1>${fillText(template.title, values)}</h1><p class="number">协议编号：${values.number}</p>
${body.map((b) => html`${b}\n`)}<footer>协议编号：${values.number}</footer>${qrSvg(view.verifyUrl)}`,
  );
}
