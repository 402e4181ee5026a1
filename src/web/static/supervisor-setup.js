// @ts-check
/** 新建项目与楼栋: a project with its price and 过渡费 rules, its buildings, and its flats imported after a dry run (import-panel.js). */
import { fromHundredths, hundredths, whole } from './amounts.js';
import { api, busy, byId, failed, html, pickContext, say, setHtml, table } from './context.js';
import { importPanel } from './import-panel.js';

let projectId = '';

const value = (/** @type {string} */ id) => byId(id, HTMLInputElement).value.trim();
/** Money in 元 or an area in ㎡, as integer hundredths (fen or hundredths of ㎡). */
const exact = (/** @type {string} */ id, /** @type {string} */ label) =>
  /** @type {number} */ (hundredths(value(id), label));

async function loadBuildings() {
  if (!projectId) {
    setHtml(byId('buildings'), html`<p class="muted">请先新建或选择项目</p>`);
    return;
  }
  /** @type {{ zone: string, name: string, floorsAbove: number, floorsBelow: number, totalArea: string, entrances: number, unitCount: number }[]} */
  const list = await api(`/api/projects/${encodeURIComponent(projectId)}/buildings`);
  setHtml(
    byId('buildings'),
    table(
      ['安置区', '楼栋', '地上/地下层数', '单元数', '总建筑面积（㎡）', '房源套数'],
      list.map((b) => [b.zone, b.name, `${b.floorsAbove} / ${b.floorsBelow}`, b.entrances, b.totalArea, b.unitCount]),
      '尚无楼栋',
    ),
  );
}

/** Refills the project picker after a new project and selects it (remembered on this PC like a manual choice). */
async function selectProject(/** @type {string} */ id) {
  /** @type {{ id: string, name: string }[]} */
  const projects = await api('/api/projects');
  const select = byId('project', HTMLSelectElement);
  setHtml(select, html`${projects.map((p) => html`<option value="${p.id}">${p.name}</option>`)}`);
  select.value = id;
  localStorage.setItem('anju.projectId', id);
  projectId = id;
  await loadBuildings();
}

function projectBody() {
  const tiers = [];
  for (const n of [1, 2, 3]) {
    const upTo = hundredths(value(`tier-${n}-upto`), `第 ${n} 档超出面积`, { allowEmpty: true });
    const price = hundredths(value(`tier-${n}-price`), `第 ${n} 档单价`, { allowEmpty: true });
    if (upTo === null && price === null) continue;
    if (upTo === null || price === null) throw new Error(`第 ${n} 档须同时填写超出面积和单价`);
    if (upTo <= 0) throw new Error(`第 ${n} 档超出面积须大于 0`);
    tiers.push({ upToExcessCenti: upTo, priceFenPerM2: price });
  }
  const checklist = byId('project-checklist', HTMLTextAreaElement)
    .value.split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const basis = byId('transition-basis', HTMLSelectElement).value;
  return {
    code: value('project-code').toUpperCase(),
    name: value('project-name'),
    officeName: value('project-office'),
    settlementRules: {
      shortfallRefundFenPerM2: exact('shortfall-price', '面积不足退还单价'),
      excessTiers: tiers,
      beyondFenPerM2: exact('beyond-price', '超出最后一档单价'),
    },
    transitionRules: {
      basis: basis === 'per_person' ? 'per_person' : 'per_area',
      monthlyRateFen: exact('transition-rate', '过渡费标准'),
      minimumMonthlyFen: hundredths(value('transition-minimum'), '每户每月最低', { allowEmpty: true }) ?? 0,
      standardMonths: whole(value('transition-months'), '约定过渡期限', 1, 120),
      overdueMultiplierPercent: whole(value('transition-overdue'), '超期计发比例', 100, 1000),
    },
    ...(checklist.length ? { documentChecklist: checklist } : {}),
  };
}

byId('project-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('project-create', HTMLButtonElement), async () => {
    const body = projectBody();
    /** @type {{ id: string, name: string, code: string }} */
    const project = await api('/api/projects', { method: 'POST', body });
    await selectProject(project.id);
    byId('project-form', HTMLFormElement).reset();
    say(`已新建项目：${project.name}（${project.code}），可继续建立楼栋`, 'ok');
  });
});

byId('building-form', HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(byId('building-create', HTMLButtonElement), async () => {
    if (!projectId) throw new Error('请先新建或选择项目');
    const body = {
      zone: value('building-zone'),
      name: value('building-name'),
      floorsAbove: whole(value('building-above'), '地上层数', 1, 120),
      floorsBelow: whole(value('building-below'), '地下层数', 0, 10),
      totalArea: fromHundredths(exact('building-area', '总建筑面积')),
      entrances: whole(value('building-entrances'), '单元数', 1, 20),
    };
    /** @type {{ zone: string, name: string, totalArea: string }} */
    const building = await api(`/api/projects/${encodeURIComponent(projectId)}/buildings`, { method: 'POST', body });
    byId('building-name', HTMLInputElement).value = '';
    byId('building-area', HTMLInputElement).value = '';
    await loadBuildings();
    say(`已新建楼栋：${building.zone} ${building.name}，总建筑面积 ${building.totalArea} ㎡`, 'ok');
  });
});

importPanel({ projectId: () => projectId, imported: loadBuildings });

try {
  const context = await pickContext(
    (ids) => {
      projectId = ids.projectId;
      loadBuildings().catch(failed);
    },
    { rounds: false },
  );
  projectId = context.current().projectId;
  await loadBuildings();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
