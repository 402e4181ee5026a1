// @ts-check
/** 项目与房源: project facts, buildings, flats, exports, and imports checked by a dry run first. */
import { api, byId, failed, html, pickContext, setHtml, table } from './context.js';
import { importPanel } from './import-panel.js';
import { unitStatusLabels } from './labels.js';

let projectId = '';

async function loadProject() {
  if (!projectId) return;
  const base = `/api/projects/${encodeURIComponent(projectId)}`;
  byId('export-households', HTMLAnchorElement).href = `${base}/exports/households.xlsx`;
  byId('export-units', HTMLAnchorElement).href = `${base}/exports/units.xlsx`;
  const [project, buildings] = await Promise.all([api(base), api(`${base}/buildings`)]);
  const facts = [
    ['项目', project.name],
    ['代号', project.code],
    ['实施单位', project.officeName],
    ['材料审核清单', project.documentChecklist.join('、')],
  ];
  setHtml(byId('project-facts'), html`${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}`);
  /** @type {{ zone: string, name: string, floorsAbove: number, floorsBelow: number, totalArea: string, entrances: number, unitCount: number, unitArea: string }[]} */
  const list = buildings;
  setHtml(
    byId('buildings'),
    table(
      ['安置区', '楼栋', '地上/地下层数', '单元数', '总建筑面积（㎡）', '房源套数', '房源面积合计（㎡）'],
      list.map((b) => [
        b.zone,
        b.name,
        `${b.floorsAbove} / ${b.floorsBelow}`,
        b.entrances,
        b.totalArea,
        b.unitCount,
        b.unitArea,
      ]),
      '尚无楼栋',
    ),
  );
  await loadUnits();
}

async function loadUnits() {
  const status = byId('unit-status', HTMLSelectElement).value;
  /** @type {{ label: string, zone: string, floor: number, layout: string, buildingArea: string, status: string }[]} */
  const units = await api(`/api/projects/${encodeURIComponent(projectId)}/units${status ? `?status=${status}` : ''}`);
  setHtml(
    byId('units'),
    html`<p class="muted">共 ${units.length} 套</p>${table(
      ['房源', '安置区', '楼层', '户型', '建筑面积（㎡）', '状态'],
      units.map((u) => [u.label, u.zone, u.floor, u.layout, u.buildingArea, unitStatusLabels[u.status] ?? u.status]),
      '没有符合条件的房源',
    )}`,
  );
}

importPanel({ projectId: () => projectId, imported: loadProject });
byId('unit-status').addEventListener('change', () => loadUnits().catch(failed));

try {
  const context = await pickContext(
    async (ids) => {
      projectId = ids.projectId;
      await loadProject().catch(failed);
    },
    { rounds: false },
  );
  projectId = context.current().projectId;
  await loadProject();
} catch (err) {
  failed(err);
}
// Tells tests and scripts that the page has finished loading its data.
document.body.dataset.ready = 'true';
