import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import * as buildingsRepo from '../buildings/buildings.repo.js';
import { insertUnitDrafts } from '../buildings/buildings.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { UnitDraft } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { HouseholdDraft } from '../households/household-draft.js';
import * as householdsRepo from '../households/households.repo.js';
import { insertHouseholdDrafts } from '../households/households.service.js';
import { canPrintCodePoint } from '../pdf/fonts.js';
import { requireProject } from '../projects/projects.service.js';
import { AT_IMPORT, unprintableNameWarnings } from '../shared/printable-text.js';
import type { Actor } from '../shared/roles.js';
import { type ColumnSpec, matchedColumns } from './header.js';
import { householdColumns, type KnownHouseholdData, parseHouseholdSheet } from './household-sheet.js';
import { importLimits } from './import-limits.js';
import type { ImportReport } from './import-report.js';
import { detectFormat, readSheet } from './sheet.js';
import type { SheetResult } from './sheet-parse.js';
import type { SheetRow } from './sheet-row.js';
import type { SheetOptions } from './sheet-rules.js';
import { type KnownBuilding, type KnownUnitData, parseUnitSheet, unitColumns } from './unit-sheet.js';

export interface UploadedSheet {
  buffer: Buffer;
  contentType: string | undefined;
  dryRun: boolean;
}

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/** A checked sheet about to be written, inside the import's transaction. */
interface CheckedImport<R> {
  deps: AppDeps;
  actor: Actor;
  projectId: string;
  upload: UploadedSheet;
  report: ImportReport;
  records: R[];
}

/** What one kind of import (households, flats) plugs into runImport; the rest is the same for both. */
interface ImportKind<K, R> {
  columns: ColumnSpec<string>[];
  /** What the project already holds, which the sheet must not repeat. */
  known(db: DbExecutor, projectId: string): Promise<K>;
  parse(rows: SheetRow[], known: K, options: SheetOptions): SheetResult<R>;
  /** How much the report says would be written. */
  counts(records: R[]): Pick<ImportReport, 'households' | 'members' | 'units'>;
  warnings?(records: R[]): string[];
  /** Why a real import of a sheet with no records is refused. */
  nothingToImport: string;
  /** Writes the records and the import's audit row. */
  apply(trx: DbExecutor, checked: CheckedImport<R>): Promise<void>;
}

/** A failed real import answers with the same report a dry run gives, and writes nothing. */
function refuse(report: ImportReport, issueCount = report.issues.length): never {
  throw new AppError('IMPORT_INVALID', `导入未执行：发现 ${issueCount} 处问题，请修改后重新上传`, {
    details: { report },
  });
}

/** Reads the upload, checks it against the project (a dry run stops there), then writes it all or nothing. */
async function runImport<K, R>(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  upload: UploadedSheet,
  kind: ImportKind<K, R>,
): Promise<ImportReport> {
  // Read before any transaction opens: a file over a limit is refused (413) having cost little and written nothing.
  const format = detectFormat(upload.buffer, upload.contentType);
  const rows = await readSheet(upload.buffer, format, importLimits(deps.config), matchedColumns(kind.columns));
  const options = { maxIssues: deps.config.ANJU_IMPORT_MAX_ISSUES };
  const check = async (db: DbExecutor) => {
    await requireProject(db, projectId);
    const result = kind.parse(rows, await kind.known(db, projectId), options);
    const report: ImportReport = {
      dryRun: upload.dryRun,
      ok: result.issues.length === 0,
      written: false,
      dataRows: result.dataRows,
      ...kind.counts(result.records),
      issues: result.issues,
    };
    if (kind.warnings) report.warnings = kind.warnings(result.records);
    return { result, report };
  };
  if (upload.dryRun) return (await check(deps.db)).report;

  return deps.db.transaction().execute(async (trx) => {
    const { result, report } = await check(trx);
    if (!report.ok) refuse(report, result.issueCount);
    if (result.records.length === 0)
      refuse({
        ...report,
        ok: false,
        issues: [{ row: null, column: null, value: null, message: kind.nothingToImport }],
      });
    await kind.apply(trx, { deps, actor, projectId, upload, report, records: result.records });
    return { ...report, written: true };
  });
}

const householdImport: ImportKind<KnownHouseholdData, HouseholdDraft> = {
  columns: householdColumns,
  known: async (db, projectId) => ({
    codes: await householdsRepo.existingCodes(db, projectId),
    idNumbers: await householdsRepo.existingIdNumbers(db, projectId),
  }),
  parse: parseHouseholdSheet,
  counts: (drafts) => ({
    households: drafts.length,
    members: drafts.reduce((n, d) => n + d.members.length, 0),
  }),
  warnings: (drafts) =>
    drafts.flatMap((d) =>
      unprintableNameWarnings(
        d.members.map((m) => ({ role: `户号 ${d.code} ${m.isHead ? '户主' : '家庭成员'}`, name: m.name })),
        canPrintCodePoint,
        AT_IMPORT,
      ),
    ),
  nothingToImport: '表中没有任何安置户数据',
  async apply(trx, { deps, actor, projectId, upload, report, records }) {
    const source = `import:${sha256(upload.buffer)}`;
    await insertHouseholdDrafts(trx, deps, actor, projectId, records, source);
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
  },
};

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

const unitImport: ImportKind<KnownUnitData, UnitDraft> = {
  columns: unitColumns,
  known: async (db, projectId) => ({
    buildings: await knownBuildings(db, projectId),
    roomKeys: await buildingsRepo.existingRoomKeys(db, projectId),
  }),
  parse: parseUnitSheet,
  counts: (units) => ({ units: units.length }),
  nothingToImport: '表中没有任何房源数据',
  async apply(trx, { deps, actor, projectId, upload, records }) {
    const units = await insertUnitDrafts(trx, deps, actor, projectId, records);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'import.units',
        entityType: 'project',
        entityId: projectId,
        projectId,
        after: { fileSha256: sha256(upload.buffer), units: units.length },
      },
    ]);
  },
};

export function importHouseholds(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  upload: UploadedSheet,
): Promise<ImportReport> {
  return runImport(deps, actor, projectId, upload, householdImport);
}

export function importUnits(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  upload: UploadedSheet,
): Promise<ImportReport> {
  return runImport(deps, actor, projectId, upload, unitImport);
}
