// @ts-check
/**
 * The one import panel (src/web/pages/import-panel.ts writes its markup): households or flats from
 * a spreadsheet, a dry run first, the real import only after the dry run passed, the report shown
 * either way (a refused real import carries the same report).
 */
import { busy, byId, html, say, setHtml, table, upload } from './context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * @typedef {{ row: number | null, column: string | null, value: string | null, message: string }} Issue
 * @typedef {{ dryRun: boolean, ok: boolean, written: boolean, dataRows: number, households?: number, members?: number, units?: number, issues: Issue[], warnings?: string[] }} Report
 */

/** @param {Report} report */
function counts(report) {
  return [
    `数据行 ${report.dataRows}`,
    report.households !== undefined ? `安置户 ${report.households}` : '',
    report.members !== undefined ? `家庭成员 ${report.members}` : '',
    report.units !== undefined ? `房源 ${report.units}` : '',
  ]
    .filter(Boolean)
    .join('，');
}

/** @param {Report} report */
function renderReport(report) {
  // Warnings do not stop the import: names with characters no font prints get a gap for the pen on the papers.
  const warnings = report.warnings ?? [];
  setHtml(
    byId('import-report'),
    html`<p>${counts(report)}</p>${
      warnings.length > 0 &&
      html`<div class="warn" role="note"><p>提示（不影响导入）：</p><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>`
    }${table(
      ['行号', '列', '内容', '问题'],
      report.issues.map((i) => [i.row === null ? '' : String(i.row), i.column ?? '', i.value ?? '', i.message]),
      '未发现问题',
    )}`,
  );
}

/**
 * Wires the panel on the page.
 * @param {{ projectId: () => string, imported: () => Promise<void> }} options
 */
export function importPanel(options) {
  const panel = byId('import-panel');
  const kindSelect = document.getElementById('import-kind');
  const kind = () =>
    (kindSelect instanceof HTMLSelectElement ? kindSelect.value : panel.dataset.kind) === 'units'
      ? 'units'
      : 'households';
  const run = byId('import-run', HTMLButtonElement);
  const check = byId('import-check', HTMLButtonElement);

  /** @param {boolean} dryRun */
  async function send(dryRun) {
    const projectId = options.projectId();
    if (!projectId) throw new Error('请先新建或选择项目');
    const file = byId('import-file', HTMLInputElement).files?.[0];
    if (!file) throw new Error('请先选择表格文件');
    const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX;
    try {
      /** @type {Report} */
      const report = await upload(
        `/api/projects/${encodeURIComponent(projectId)}/imports/${kind()}?dryRun=${dryRun}`,
        file,
        type,
      );
      renderReport(report);
      run.disabled = !(dryRun && report.ok);
      if (!dryRun) {
        say(`导入完成：${counts(report)}，已写入`, 'ok');
        await options.imported();
        return;
      }
      const listed = report.issues.filter((i) => i.row !== null || i.column !== null).length;
      say(
        report.ok
          ? '预检通过，未发现问题，可以正式导入'
          : `预检发现 ${listed} 处问题${listed < report.issues.length ? '（问题过多，仅列出部分）' : ''}，请修改表格后重新预检`,
        report.ok ? 'ok' : 'warn',
      );
    } catch (err) {
      const body = /** @type {{ body?: { details?: { report?: Report } } }} */ (err).body;
      if (body?.details?.report) renderReport(body.details.report);
      throw err;
    }
  }

  byId('import-file').addEventListener('change', () => {
    run.disabled = true;
    setHtml(byId('import-report'), html``);
  });
  kindSelect?.addEventListener('change', () => {
    run.disabled = true;
  });
  check.addEventListener('click', () => busy(check, () => send(true)));
  run.addEventListener('click', () => busy(run, () => send(false)).then(() => (run.disabled = true)));
}
