import { BackupError } from '../backup/backup-files.js';
import { describeReport, redactUrl } from '../backup/backup-report.js';
import { restorePostgres } from '../backup/pg-backup.service.js';
import { restoreSqlite } from '../backup/sqlite-backup.service.js';
import { loadConfig } from '../config.js';
import { parseArgs } from './args.js';

const config = loadConfig(process.env);
const [first, ...options] = process.argv.slice(2);
const backup = first?.startsWith('--') ? undefined : first;
const args = parseArgs(options);

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

if (!backup)
  fail([
    'Usage: npm run restore -- <backup file> [--to <sqlite file>] [--replace]',
    '  PostgreSQL: set DATABASE_URL to a new, empty database.',
  ]);

try {
  if (config.DATABASE_URL) {
    const report = await restorePostgres(backup, config.DATABASE_URL);
    if (report.problems.length > 0)
      fail([
        `Restored ${backup} into ${redactUrl(config.DATABASE_URL)}, but it FAILED verification; do not use this database (drop it):`,
        ...describeReport(report),
      ]);
    console.log(`Restored ${backup} into ${redactUrl(config.DATABASE_URL)} and verified it:`);
    console.log(describeReport(report).join('\n'));
  } else {
    const target = args.get('to') ?? config.ANJU_SQLITE_FILE;
    const { report, previous } = await restoreSqlite(backup, target, args.has('replace'), new Date());
    if (report.problems.length > 0)
      fail([`${backup} FAILED verification; nothing was restored:`, ...describeReport(report)]);
    if (previous) console.log(`The database that was at ${target} is kept as ${previous}.`);
    console.log(`Restored ${backup} to ${target}, verified before copying:`);
    console.log(describeReport(report).join('\n'));
  }
} catch (err) {
  if (err instanceof BackupError) fail([`Restore refused: ${err.message}`]);
  throw err;
}
