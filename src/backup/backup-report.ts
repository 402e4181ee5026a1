import type { CopyReport } from './verify-copy.js';
import { describeCounts } from './verify-copy.js';

/** Lines describing a verified copy, or its problems; shared by backup and restore. */
export function describeReport(report: CopyReport): string[] {
  if (report.problems.length > 0) return report.problems.map((p) => `  - ${p}`);
  const head = report.head ? `head seq ${report.head.lastSeq} (${report.head.lastHash.slice(0, 12)}…)` : 'no head';
  const lines = [`  audit chain intact: ${report.auditRowsChecked} rows, ${head}`];
  if (report.counts) lines.push(`  ${describeCounts(report.counts)}`);
  return lines;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Without the password, for output that may land in logs. */
export function redactUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

export function postgresRestoreSteps(dumpFile: string, databaseUrl: string): string[] {
  const restored = new URL(databaseUrl);
  restored.password = '';
  restored.pathname = '/anju_restored';
  return [
    'To restore this dump, into a new database (the live one is never touched):',
    `  createdb --host=${restored.hostname} --port=${restored.port || '5432'} --username=${restored.username || '$USER'} anju_restored`,
    `  DATABASE_URL=${restored.toString()} npm run restore -- ${dumpFile}`,
    `  (or by hand: pg_restore --no-owner --exit-on-error --single-transaction --dbname=${restored.toString()} ${dumpFile})`,
    '  then start the server with DATABASE_URL pointing at anju_restored.',
  ];
}

export function pgDumpMissingSteps(dumpFile: string): string[] {
  return [
    'pg_dump is not on PATH, so no backup was taken. Install the PostgreSQL client tools of the',
    "server's major version (Debian: apt-get install postgresql-client-15), or run on a machine that has them:",
    `  pg_dump --format=custom --file=${dumpFile} --dbname="$DATABASE_URL"`,
    'pg_dump reads one consistent snapshot; the server keeps running and writing meanwhile.',
    `Check it with: createdb anju_verify && pg_restore --no-owner --exit-on-error --dbname=<url of anju_verify> ${dumpFile}`,
    '  then DATABASE_URL=<url of anju_verify> npm run audit:verify',
  ];
}
