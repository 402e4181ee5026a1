// @ts-check
/** 项目与房源: project facts, buildings, flats, exports, and imports checked by a dry run first. */
import { api, busy, byId, escapeHtml, failed, pickContext, say, table, upload } from './context.js';

const statusText = { available: '可选', reserved: '保留', allocated: '已分配' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
  byId('project-facts').innerHTML = facts
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  /** @type {{ zone: string, name: string, floorsAbove: number, floorsBelow: number, totalArea: string, entrances: number, unitCount: number, unitArea: string }[]} */
  const list = buildings;
  byId('buildings').innerHTML = table(
    ['安置区', '楼栋', '地上/地下层数', '单元数', '总建筑面积（㎡）', '房源套数', '房源面积合计（㎡）'],
    list.map((b) => [
      escapeHtml(b.zone),
      escapeHtml(b.name),
      `${b.floorsAbove} / ${b.floorsBelow}`,
      String(b.entrances),
      escapeHtml(b.totalArea),
      String(b.unitCount),
      escapeHtml(b.unitArea),
    ]),
    '尚无楼栋',
  );
  await loadUnits();
}

async function loadUnits() {
  const status = byId('unit-status', HTMLSelectElement).value;
  /** @type {{ label: string, zone: string, floor: number, layout: string, buildingArea: string, status: string }[]} */
  const units = await api(`/api/projects/${encodeURIComponent(projectId)}/units${status ? `?status=${status}` : ''}`);
  byId('units').innerHTML =
    `<p class="muted">共 ${units.length} 套</p>` +
    table(
      ['房源', '安置区', '楼层', '户型', '建筑面积（㎡）', '状态'],
      units.map((u) => [
        escapeHtml(u.label),
        escapeHtml(u.zone),
        String(u.floor),
        escapeHtml(u.layout),
        escapeHtml(u.buildingArea),
        escapeHtml(statusText[/** @type {keyof typeof statusText} */ (u.status)] ?? u.status),
      ]),
      '没有符合条件的房源',
    );
}

/**
 * @typedef {{ row: number | null, column: string | null, value: string | null, message: string }} Issue
 * @typedef {{ dryRun: boolean, ok: boolean, written: boolean, dataRows: number, households?: number, members?: number, units?: number, issues: Issue[], warnings?: string[] }} Report
 */
function renderReport(/** @type {Report} */ report) {
  const counts = [
    `数据行 ${report.dataRows}`,
    report.households !== undefined ? `安置户 ${report.households}` : '',
    report.members !== undefined ? `家庭成员 ${report.members}` : '',
    report.units !== undefined ? `房源 ${report.units}` : '',
  ]
    .filter(Boolean)
    .join('，');
  // Warnings do not stop the import: names with characters no font prints get a gap for the pen on the papers.
  const warnings = (report.warnings ?? []).map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  byId('import-report').innerHTML =
    `<p>${escapeHtml(counts)}</p>` +
    (warnings ? `<div class="warn" role="note"><p>提示（不影响导入）：</p><ul>${warnings}</ul></div>` : '') +
    table(
      ['行号', '列', '内容', '问题'],
      report.issues.map((i) => [
        i.row === null ? '' : String(i.row),
        escapeHtml(i.column ?? ''),
        escapeHtml(i.value ?? ''),
        escapeHtml(i.message),
      ]),
      '未发现问题',
    );
}

/** @param {boolean} dryRun */
async function runImport(dryRun) {
  const file = byId('import-file', HTMLInputElement).files?.[0];
  if (!file) throw new Error('请先选择表格文件');
  const kind = byId('import-kind', HTMLSelectElement).value === 'units' ? 'units' : 'households';
  const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX;
  try {
    /** @type {Report} */
    const report = await upload(
      `/api/projects/${encodeURIComponent(projectId)}/imports/${kind}?dryRun=${dryRun}`,
      file,
      type,
    );
    renderReport(report);
    byId('import-run', HTMLButtonElement).disabled = !(dryRun && report.ok);
    if (!dryRun) {
      say(`导入完成：${report.dataRows} 行已写入`, 'ok');
      await loadProject();
    } else {
      const listed = report.issues.filter((i) => i.row !== null || i.column !== null).length;
      say(
        report.ok
          ? '预检通过，未发现问题，可以正式导入'
          : `预检发现 ${listed} 处问题${listed < report.issues.length ? '（问题过多，仅列出部分）' : ''}，请修改表格后重新预检`,
        report.ok ? 'ok' : 'warn',
      );
    }
  } catch (err) {
    // A refused real import carries the same report as a dry run: show its table too.
    const body = /** @type {{ body?: { details?: { report?: Report } } }} */ (err).body;
    if (body?.details?.report) renderReport(body.details.report);
    throw err;
  }
}

byId('import-file').addEventListener('change', () => {
  byId('import-run', HTMLButtonElement).disabled = true;
  byId('import-report').innerHTML = '';
});
byId('import-kind').addEventListener('change', () => {
  byId('import-run', HTMLButtonElement).disabled = true;
});
const check = byId('import-check', HTMLButtonElement);
check.addEventListener('click', () => busy(check, () => runImport(true)));
const run = byId('import-run', HTMLButtonElement);
run.addEventListener('click', () => busy(run, () => runImport(false)).then(() => (run.disabled = true)));
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
