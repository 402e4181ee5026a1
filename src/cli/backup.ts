import { BackupError, defaultBackupPath } from '../backup/backup-files.js';
import {
  describeReport,
  formatBytes,
  pgDumpMissingSteps,
  postgresRestoreSteps,
  redactUrl,
} from '../backup/backup-report.js';
import { backupPostgres } from '../backup/pg-backup.service.js';
import { hasPgTool } from '../backup/pg-tools.js';
import { backupSqlite } from '../backup/sqlite-backup.service.js';
import { loadConfig } from '../config.js';
import { parseArgs } from './args.js';

// Reads the configuration only: a backup must never migrate or otherwise touch the live database.
const config = loadConfig(process.env);
const args = parseArgs(process.argv.slice(2));
const kind = config.DATABASE_URL ? 'postgres' : 'sqlite';
const dest = args.get('out') ?? defaultBackupPath(new Date(), kind);

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

try {
  if (config.DATABASE_URL) {
    if (!hasPgTool('pg_dump')) fail(pgDumpMissingSteps(dest));
    const result = await backupPostgres(config.DATABASE_URL, dest, !args.has('no-verify'));
    if (result.report && result.report.problems.length > 0) {
      fail([
        `Backup of ${redactUrl(config.DATABASE_URL)} FAILED verification; the dump was discarded:`,
        ...describeReport(result.report),
      ]);
    }
    console.log(`Backup of PostgreSQL ${redactUrl(config.DATABASE_URL)} written to ${result.dest}`);
    console.log(`  pg_dump custom format, ${formatBytes(result.bytes)}, ${Math.round(result.elapsedMs)} ms`);
    if (result.report)
      console.log(['  restored into a scratch database and verified:', ...describeReport(result.report)].join('\n'));
    else console.log('  not verified (--no-verify)');
    console.log(postgresRestoreSteps(result.dest, config.DATABASE_URL).join('\n'));
  } else {
    const pagesPerStep = Number(args.get('pages-per-step') ?? 256);
    if (!Number.isInteger(pagesPerStep) || pagesPerStep < 1) fail(['--pages-per-step must be a positive whole number']);
    const result = await backupSqlite(config.ANJU_SQLITE_FILE, dest, pagesPerStep);
    if (result.report.problems.length > 0) {
      fail([
        `Backup of ${config.ANJU_SQLITE_FILE} FAILED verification; the copy was discarded:`,
        ...describeReport(result.report),
      ]);
    }
    const { copy } = result;
    console.log(`Backup of SQLite ${config.ANJU_SQLITE_FILE} written to ${result.dest}`);
    console.log(
      `  online copy: ${copy.totalPages} pages in ${copy.steps} steps of ${pagesPerStep}, ${copy.restarts} restarts, ${formatBytes(result.bytes)}, ${Math.round(result.elapsedMs)} ms`,
    );
    console.log('  integrity_check ok, foreign keys ok');
    console.log(describeReport(result.report).join('\n'));
    console.log(`To restore: stop the server, then npm run restore -- ${result.dest} --replace`);
  }
} catch (err) {
  if (err instanceof BackupError) fail([`Backup failed: ${err.message}`]);
  throw err;
}
