import { readAuditHead } from '../audit/audit.repo.js';
import { describeChainBreak, verifyAuditChain } from '../audit/audit.service.js';
import type { DbHandle } from '../db/create-db.js';
import { countRows, type RowCounts, sqliteForeignKeyViolations, sqliteIntegrity } from './backup.repo.js';

export interface CopyReport {
  /** Empty when the copy is sound; otherwise one line per problem, for the operator. */
  problems: string[];
  counts: RowCounts | null;
  head: { lastSeq: number; lastHash: string } | null;
  auditRowsChecked: number;
}

/**
 * What makes a copy worth keeping: the file is sound (SQLite), references hold, and the audit
 * chain runs unbroken up to the head it records, so no transaction was copied by halves.
 */
export async function verifyCopy(handle: DbHandle): Promise<CopyReport> {
  const problems: string[] = [];
  const report: CopyReport = { problems, counts: null, head: null, auditRowsChecked: 0 };
  try {
    if (handle.dialect === 'sqlite') {
      const integrity = await sqliteIntegrity(handle.db);
      if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
      const violations = await sqliteForeignKeyViolations(handle.db);
      if (violations > 0) problems.push(`foreign_key_check: ${violations} rows point at missing rows`);
    }
    report.head = await readAuditHead(handle.db);
    const chain = await verifyAuditChain(handle.db);
    report.auditRowsChecked = chain.rowsChecked;
    if (chain.firstBreak)
      problems.push(`audit chain broken (${chain.firstBreak.kind}): ${describeChainBreak(chain.firstBreak)}`);
    report.counts = await countRows(handle.db);
    if (report.counts.auditRows !== report.head.lastSeq) {
      problems.push(`audit rows ${report.counts.auditRows} but the audit head says ${report.head.lastSeq}`);
    }
  } catch (err) {
    problems.push(`could not read the copy: ${err instanceof Error ? err.message : String(err)}`);
  }
  return report;
}

export function describeCounts(counts: RowCounts): string {
  return [
    `households ${counts.households}`,
    `selections ${counts.selections}`,
    `stage records ${counts.stageRecords}`,
    `agreements ${counts.agreements}`,
    `documents ${counts.documents}`,
    `audit rows ${counts.auditRows}`,
  ].join(', ');
}
