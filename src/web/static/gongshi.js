// @ts-check
/** 公示: find one's own row by 户号 or 顺序号; print. */

const search = /** @type {HTMLInputElement} */ (document.getElementById('gongshi-search'));
const count = /** @type {HTMLElement} */ (document.getElementById('gongshi-count'));
const rows = /** @type {HTMLTableRowElement[]} */ ([...document.querySelectorAll('#gongshi-rows tr')]);

function apply() {
  const q = search.value.trim().toUpperCase();
  let shown = 0;
  for (const row of rows) {
    const match = !q || (row.dataset.code ?? '').toUpperCase().includes(q) || row.dataset.position === q;
    row.hidden = !match;
    if (match) shown += 1;
  }
  count.textContent = q ? `找到 ${shown} 户` : `共 ${rows.length} 户`;
}

search.addEventListener('input', apply);
document.getElementById('gongshi-print')?.addEventListener('click', () => window.print());
apply();
