// @ts-check
import { html, setHtml } from '/static/common.js';
import { centi, flash, floorName, followRound, getPublic, statusName } from '/static/live.js';

/** @typedef {import('./live.js').PublicUnit} PublicUnit */

const root = /** @type {HTMLElement} */ (document.getElementById('board'));
const roundId = root.dataset.roundId ?? '';
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const layoutSelect = /** @type {HTMLSelectElement} */ ($('filter-layout'));
const minInput = /** @type {HTMLInputElement} */ ($('filter-min'));
const maxInput = /** @type {HTMLInputElement} */ ($('filter-max'));
const freeOnly = /** @type {HTMLInputElement} */ ($('filter-free'));

/** @type {Map<string, PublicUnit>} */
const units = new Map();

/** Room code without its floor prefix: 1502 on floor 15 → "02", the column of the flat. @param {PublicUnit} u */
function slotOf(u) {
  const prefix = String(u.floor);
  return u.room.startsWith(prefix) && u.room.length > prefix.length ? u.room.slice(prefix.length) : u.room;
}

const STATUSES = ['available', 'allocated', 'reserved'];

/** @param {PublicUnit} u @param {boolean} entranceStart */
function cellHtml(u, entranceStart) {
  return html`<td id="unit-${u.unitId}" class="unit ${u.status}${entranceStart && ' entrance-start'}" data-status="${u.status}" title="${u.label}">
<span class="unit-room"><span class="unit-entrance">${u.entrance}单元</span> ${u.room}</span><span class="unit-layout">${u.layout}</span><span class="unit-area">${u.buildingArea}㎡</span><span class="unit-status">${statusName(u.status)}</span></td>`;
}

/** @param {PublicUnit[]} list */
function buildingTable(list) {
  /** @type {Map<number, Set<string>>} */
  const slots = new Map();
  for (const u of list) slots.set(u.entrance, (slots.get(u.entrance) ?? new Set()).add(slotOf(u)));
  const entrances = [...slots.keys()].sort((a, b) => a - b);
  const columns = entrances.flatMap((e) =>
    [...(slots.get(e) ?? [])].sort().map((slot, i) => ({ entrance: e, slot, start: i === 0 })),
  );
  const floors = [...new Set(list.map((u) => u.floor))].sort((a, b) => b - a);
  /** @type {Map<string, PublicUnit>} */
  const at = new Map(list.map((u) => [`${u.floor}|${u.entrance}|${slotOf(u)}`, u]));
  const head1 = entrances.map(
    (e) => html`<th scope="colgroup" class="entrance-start" colspan="${slots.get(e)?.size ?? 1}">${e}单元</th>`,
  );
  const head2 = columns.map((c) => html`<th scope="col"${c.start && html` class="entrance-start"`}>${c.slot}室</th>`);
  const body = floors.map((f) => {
    const cells = columns.map((c) => {
      const u = at.get(`${f}|${c.entrance}|${c.slot}`);
      return u
        ? cellHtml(u, c.start)
        : html`<td class="unit none${c.start && ' entrance-start'}" aria-label="无此房">—</td>`;
    });
    return html`<tr><th scope="row">${floorName(f)}</th>${cells}</tr>`;
  });
  return html`<table class="board-table"><thead><tr><th scope="col" rowspan="2">楼层</th>${head1}</tr><tr>${head2}</tr></thead><tbody>${body}</tbody></table>`;
}

function render() {
  /** @type {Map<string, PublicUnit[]>} */
  const byBuilding = new Map();
  for (const u of units.values()) {
    const key = `${u.zone} ${u.building}`;
    byBuilding.set(key, [...(byBuilding.get(key) ?? []), u]);
  }
  setHtml(
    $('board-buildings'),
    byBuilding.size
      ? html`${[...byBuilding.entries()].map(
          ([name, list]) =>
            html`<section class="board-building" aria-label="${name}"><h2>${name}</h2><div class="board-scroll" tabindex="0">${buildingTable(list)}</div></section>`,
        )}`
      : html`<p class="muted">本轮没有房源。</p>`,
  );
  const layouts = [...new Set([...units.values()].map((u) => u.layout))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const chosen = layoutSelect.value;
  setHtml(
    layoutSelect,
    html`<option value="">全部户型</option>${layouts.map((l) => html`<option value="${l}">${l}</option>`)}`,
  );
  layoutSelect.value = layouts.includes(chosen) ? chosen : '';
  applyFilter();
}

/** @param {PublicUnit} u */
function matches(u) {
  const area = centi(u.buildingArea);
  const min = minInput.value ? Math.round(Number(minInput.value) * 100) : null;
  const max = maxInput.value ? Math.round(Number(maxInput.value) * 100) : null;
  return (
    (!layoutSelect.value || u.layout === layoutSelect.value) &&
    (min === null || area >= min) &&
    (max === null || area <= max) &&
    (!freeOnly.checked || u.status === 'available')
  );
}

function applyFilter() {
  let shown = 0;
  let free = 0;
  for (const u of units.values()) {
    const ok = matches(u);
    document.getElementById(`unit-${u.unitId}`)?.classList.toggle('dim', !ok);
    if (ok) shown += 1;
    if (ok && u.status === 'available') free += 1;
  }
  const all = [...units.values()].filter((u) => u.status === 'available').length;
  $('board-summary').textContent = `共 ${units.size} 套，可选 ${all} 套；符合筛选 ${shown} 套，其中可选 ${free} 套`;
}

/** Events that arrive while the list is loading are applied once it is in. @type {{ unitId: string, status: string }[] | null} */
let pending = null;

/** @param {{ unitId: string, status: string }} e */
function onUnit(e) {
  if (pending) {
    pending.push(e);
    return;
  }
  const unit = units.get(e.unitId);
  if (!unit) return;
  unit.status = e.status;
  const cell = document.getElementById(`unit-${e.unitId}`);
  if (cell) {
    cell.classList.remove(...STATUSES);
    cell.classList.add(e.status);
    cell.dataset.status = e.status;
    const status = cell.querySelector('.unit-status');
    if (status) status.textContent = statusName(e.status);
    flash(cell);
  }
  applyFilter();
}

async function load() {
  pending = pending ?? [];
  try {
    /** @type {import('./live.js').PublicUnits} */
    const data = await getPublic(`/public/rounds/${encodeURIComponent(roundId)}/units`);
    units.clear();
    for (const u of data.units) units.set(u.unitId, u);
    render();
    $('board-error').hidden = true;
    const late = pending ?? [];
    pending = null;
    for (const e of late) onUnit(e);
  } catch (error) {
    const box = $('board-error');
    box.textContent = `房源载入失败：${error instanceof Error ? error.message : String(error)}`;
    box.hidden = false;
    pending = null;
  }
}

for (const input of [layoutSelect, minInput, maxInput, freeOnly]) input.addEventListener('input', applyFilter);
$('board-filter').addEventListener('reset', () => setTimeout(applyFilter, 0));
$('board-filter').addEventListener('submit', (e) => e.preventDefault());
// On a phone the filters wait behind this button, so the first screen shows flats, not a form.
const filterToggle = $('filter-toggle');
filterToggle.addEventListener('click', () => {
  const open = $('board-filter').classList.toggle('open');
  filterToggle.setAttribute('aria-expanded', String(open));
  filterToggle.textContent = open ? '收起筛选' : '筛选房源';
});
// Each (re)connection starts with a snapshot: reload then, so a screen that lost its link catches up.
followRound(roundId, $('board-link'), { snapshot: () => void load(), unit: onUnit });
