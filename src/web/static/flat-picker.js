// @ts-check
/** The 选房 desk's flats: filters by floor, 户型 and area, shown floor by floor (rows) or as tiles. */
import { byId, html, setHtml } from './context.js';

/** @typedef {import('./desk-forms.js').FlatOption} FlatOption */

const byNumber = (/** @type {number} */ a, /** @type {number} */ b) => a - b;

/** @param {FlatOption} o */
const tile = (o) =>
  html`<button type="button" class="flat" data-unit="${o.unitId}" data-flat="${JSON.stringify(o)}"><strong>${o.label}</strong><span>${o.layout} · ${o.buildingArea} ㎡ · ${o.floor} 层</span></button>`;

/** @param {FlatOption[]} flats */
function floorView(flats) {
  const floors = [...new Set(flats.map((o) => o.floor))].sort(byNumber).reverse();
  return html`<table class="floor-view"><caption class="sr-only">按楼层排列的可选房源</caption><tbody>${floors.map(
    (floor) =>
      html`<tr><th scope="row">${floor} 层</th><td><div class="floor-flats">${flats
        .filter((o) => o.floor === floor)
        .map(tile)}</div></td></tr>`,
  )}</tbody></table>`;
}

/** @param {HTMLSelectElement} select @param {string} all @param {string[]} values @param {(v: string) => string} text */
function fillSelect(select, all, values, text) {
  const kept = values.includes(select.value) ? select.value : '';
  setHtml(
    select,
    html`<option value="">${all}</option>${values.map((v) => html`<option value="${v}">${text(v)}</option>`)}`,
  );
  select.value = kept;
}

/** @param {HTMLElement} list @param {HTMLElement} count */
export function flatPicker(list, count) {
  const floor = byId('filter-floor', HTMLSelectElement);
  const layout = byId('filter-layout', HTMLSelectElement);
  const areaMin = byId('filter-area-min', HTMLInputElement);
  const areaMax = byId('filter-area-max', HTMLInputElement);
  const floorsView = byId('view-floors', HTMLInputElement);
  /** @type {FlatOption[]} */
  let options = [];

  const render = () => {
    const allowed = options.filter((o) => o.allowed);
    if (allowed.length === 0) {
      count.textContent = '';
      setHtml(
        list,
        html`<p class="message warn" role="status">该户没有可选房源（共 ${options.length} 套均不符合条件），请联系项目管理员。</p>`,
      );
      return;
    }
    const min = Number(areaMin.value || '0');
    const max = areaMax.value ? Number(areaMax.value) : Number.POSITIVE_INFINITY;
    const shown = allowed.filter(
      (o) =>
        (!floor.value || String(o.floor) === floor.value) &&
        (!layout.value || o.layout === layout.value) &&
        Number(o.buildingArea) >= min &&
        Number(o.buildingArea) <= max,
    );
    count.textContent = `可选 ${allowed.length} 套，当前显示 ${shown.length} 套`;
    setHtml(
      list,
      shown.length === 0
        ? html`<p class="muted">没有符合筛选条件的房源，请放宽条件。</p>`
        : floorsView.checked
          ? floorView(shown)
          : html`<div class="flat-tiles">${shown.map(tile)}</div>`,
    );
  };
  for (const control of [floor, layout, floorsView, byId('view-tiles', HTMLInputElement)])
    control.addEventListener('change', render);
  for (const control of [areaMin, areaMax]) control.addEventListener('input', render);

  return {
    /** @param {FlatOption[]} next */
    show(next) {
      options = next;
      const allowed = next.filter((o) => o.allowed);
      const floors = [...new Set(allowed.map((o) => o.floor))].sort(byNumber);
      fillSelect(floor, '全部楼层', floors.map(String), (v) => `${v} 层`);
      fillSelect(layout, '全部户型', [...new Set(allowed.map((o) => o.layout))].sort(), (v) => v);
      render();
    },
  };
}
