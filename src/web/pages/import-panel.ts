import { type Html, html } from '../../shared/html.js';

export type ImportKind = 'households' | 'units';

const kindText: Record<ImportKind, string> = { households: '安置户及家庭成员', units: '房源' };
const columnsText: Record<ImportKind, string> = {
  households:
    '列：户号、姓名、与户主关系、身份证号、联系电话、被征收房屋面积、应安置面积、补偿协议编号、协议签订时间、过渡开始日期、高龄、残疾、低保、备注；每人一行，按户号归户。',
  units: '列：安置区（可选）、楼栋、单元、楼层（地下一层填 -1）、室号、户型、建筑面积；楼栋须先建立。',
};

/**
 * The one import panel (static/import-panel.js drives it): choose what to import when there is a
 * choice, a dry run first, the real import only after it passed, the report underneath.
 */
export function importPanel(title: string, kinds: readonly [ImportKind, ...ImportKind[]]): Html {
  const picker =
    kinds.length > 1
      ? html`<div><label for="import-kind">导入内容</label><select id="import-kind">${kinds.map(
          (k) => html`<option value="${k}">${kindText[k]}</option>`,
        )}</select></div>`
      : '';
  const hints = kinds.map(
    (k) => html`<p class="muted">${kinds.length > 1 ? `${kindText[k]}：` : ''}${columnsText[k]}</p>`,
  );
  return html`<section class="card" id="import-panel" data-kind="${kinds[0]}"><h2>${title}</h2>${hints}
<div class="grid">${picker}<div><label for="import-file">表格文件（.xlsx 或 .csv）</label><input type="file" id="import-file" accept=".xlsx,.csv"></div></div>
<p class="row"><button type="button" id="import-check">预检（不写入）</button><button type="button" id="import-run" class="secondary" disabled>正式导入</button></p>
<div id="import-report"></div></section>`;
}
