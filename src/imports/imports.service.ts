import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import * as buildingsRepo from '../buildings/buildings.repo.js';
import { insertUnitDrafts } from '../buildings/buildings.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import * as householdsRepo from '../households/households.repo.js';
import { insertHouseholdDrafts } from '../households/households.service.js';
import { canPrintCodePoint } from '../pdf/fonts.js';
import { requireProject } from '../projects/projects.service.js';
import { AT_IMPORT, unprintableNameWarnings } from '../shared/printable-text.js';
import { type ColumnSpec, matchedColumns } from './header.js';
import { householdColumns, parseHouseholdSheet } from './household-sheet.js';
import { importLimits } from './import-limits.js';
import type { ImportReport } from './import-report.js';
import { detectFormat, readSheet } from './sheet.js';
import type { SheetRow } from './sheet-row.js';
import { type KnownBuilding, parseUnitSheet, unitColumns } from './unit-sheet.js';

export interface UploadedSheet {
  buffer: Buffer;
  contentType: string | undefined;
  dryRun: boolean;
}

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/** Read before any transaction opens: a file over a limit is refused (413) having cost little and written nothing. */
async function loadRows<F extends string>(
  deps: AppDeps,
  upload: UploadedSheet,
  specs: ColumnSpec<F>[],
): Promise<SheetRow[]> {
  return readSheet(
    upload.buffer,
    detectFormat(upload.buffer, upload.contentType),
    importLimits(deps.config),
    matchedColumns(specs),
  );
}

/** A failed real import answers with the same report a dry run gives, and writes nothing. */
function refuse(report: ImportReport, issueCount = report.issues.length): never {
  throw new AppError('IMPORT_INVALID', `导入未执行：发现 ${issueCount} 处问题，请修改后重新上传`, {
    details: { report },
  });
}

export async function importHouseholds(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  upload: UploadedSheet,
): Promise<ImportReport> {
  const rows = await loadRows(deps, upload, householdColumns);
  const options = { maxIssues: deps.config.ANJU_IMPORT_MAX_ISSUES };
  const check = async (db: DbExecutor) => {
    await requireProject(db, projectId);
    const known = {
      codes: await householdsRepo.existingCodes(db, projectId),
      idNumbers: await householdsRepo.existingIdNumbers(db, projectId),
    };
    const result = parseHouseholdSheet(rows, known, options);
    const report: ImportReport = {
      dryRun: upload.dryRun,
      ok: result.issues.length === 0,
      written: false,
      dataRows: result.dataRows,
      households: result.drafts.length,
      members: result.drafts.reduce((n, d) => n + d.members.length, 0),
      issues: result.issues,
      warnings: result.drafts.flatMap((d) =>
        unprintableNameWarnings(
          d.members.map((m) => ({ role: `户号 ${d.code} ${m.isHead ? '户主' : '家庭成员'}`, name: m.name })),
          canPrintCodePoint,
          AT_IMPORT,
        ),
      ),
    };
    return { result, report };
  };
  if (upload.dryRun) return (await check(deps.db)).report;

  return deps.db.transaction().execute(async (trx) => {
    const { result, report } = await check(trx);
    if (!report.ok) refuse(report, result.issueCount);
    if (result.drafts.length === 0)
      refuse({
        ...report,
        ok: false,
        issues: [{ row: null, column: null, value: null, message: '表中没有任何安置户数据' }],
      });
    const source = `import:${sha256(upload.buffer)}`;
    await insertHouseholdDrafts(trx, deps, actor, projectId, result.drafts, source);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'import.households',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: {
          fileSha256: sha256(upload.buffer),
          households: report.households,
          members: report.members,
          dataRows: report.dataRows,
        },
      },
    ]);
    return { ...report, written: true };
  });
}

async function knownBuildings(db: DbExecutor, projectId: string): Promise<KnownBuilding[]> {
  const [buildings, entrances] = await Promise.all([
    buildingsRepo.listBuildingsWithStats(db, projectId),
    buildingsRepo.listEntrancesOfProject(db, projectId),
  ]);
  return buildings.map((b) => ({
    id: b.id,
    zone: b.zoneName,
    name: b.name,
    floorsAbove: b.floorsAbove,
    floorsBelow: b.floorsBelow,
    entrances: new Map(entrances.filter((e) => e.buildingId === b.id).map((e) => [e.number, e.id])),
  }));
}

export async function importUnits(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  upload: UploadedSheet,
): Promise<ImportReport> {
  const rows = await loadRows(deps, upload, unitColumns);
  const options = { maxIssues: deps.config.ANJU_IMPORT_MAX_ISSUES };
  const check = async (db: DbExecutor) => {
    await requireProject(db, projectId);
    const result = parseUnitSheet(
      rows,
      await knownBuildings(db, projectId),
      await buildingsRepo.existingRoomKeys(db, projectId),
      options,
    );
    const report: ImportReport = {
      dryRun: upload.dryRun,
      ok: result.issues.length === 0,
      written: false,
      dataRows: result.dataRows,
      units: result.units.length,
      issues: result.issues,
    };
    return { result, report };
  };
  if (upload.dryRun) return (await check(deps.db)).report;

  return deps.db.transaction().execute(async (trx) => {
    const { result, report } = await check(trx);
    if (!report.ok) refuse(report, result.issueCount);
    if (result.units.length === 0)
      refuse({
        ...report,
        ok: false,
        issues: [{ row: null, column: null, value: null, message: '表中没有任何房源数据' }],
      });
    const units = await insertUnitDrafts(trx, deps, actor, projectId, result.units);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'import.units',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: { fileSha256: sha256(upload.buffer), units: units.length },
      },
    ]);
    return { ...report, written: true };
  });
}
