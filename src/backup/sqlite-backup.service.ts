import { constants, copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteReadOnly } from '../db/create-db.js';
import { BackupError, discard, partialPathFor, publishCopy, requireFreeDestination } from './backup-files.js';
import { copyLiveSqlite, makeSelfContained, type OnlineCopyStats } from './sqlite-copy.js';
import { type CopyReport, verifyCopy } from './verify-copy.js';

export interface SqliteBackupResult {
  dest: string;
  bytes: number;
  elapsedMs: number;
  copy: OnlineCopyStats;
  report: CopyReport;
}

async function verifyFile(file: string): Promise<CopyReport> {
  const handle = openSqliteReadOnly(file);
  try {
    return await verifyCopy(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Online copy of the server's SQLite file: copied, made self-contained, verified, and only then
 * given its name. A copy that fails verification is deleted and the problems are returned.
 */
export async function backupSqlite(source: string, dest: string, pagesPerStep = 256): Promise<SqliteBackupResult> {
  if (!existsSync(source)) throw new BackupError(`no SQLite database at ${source} (set ANJU_SQLITE_FILE)`);
  requireFreeDestination(dest);
  const partial = partialPathFor(dest, process.pid);
  const started = performance.now();
  try {
    const copy = await copyLiveSqlite(source, partial, pagesPerStep);
    makeSelfContained(partial);
    const report = await verifyFile(partial);
    const bytes = statSync(partial).size;
    if (report.problems.length > 0) discard(partial);
    else publishCopy(partial, dest);
    return { dest, bytes, elapsedMs: performance.now() - started, copy, report };
  } catch (err) {
    discard(partial);
    throw err;
  }
}

export interface SqliteRestoreResult {
  report: CopyReport;
  /** Where the database that was there before now lives, when --replace moved it aside. */
  previous: string | null;
}

/**
 * Puts a verified backup in place of the server's database file. Refuses while a server may have
 * the file open (SQLite keeps -wal/-shm beside it until the last connection closes cleanly), and
 * never deletes the old file: --replace moves it aside.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  replace: boolean,
  now: Date,
): Promise<SqliteRestoreResult> {
  if (!existsSync(backup)) throw new BackupError(`no backup file at ${backup}`);
  const report = await verifyFile(backup);
  if (report.problems.length > 0) return { report, previous: null };
  const inUse = [`${target}-wal`, `${target}-shm`].filter((f) => existsSync(f));
  if (inUse.length > 0) {
    throw new BackupError(
      `${inUse.join(' and ')} exist: a server is probably using ${target}, or it was not stopped cleanly. Stop the server (a clean stop removes them) and run the restore again.`,
    );
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    if (!replace)
      throw new BackupError(
        `${target} already exists; stop the server and pass --replace to move it aside and restore.`,
      );
    previous = `${target}.before-restore-${now.toISOString().replace(/[-:.]/g, '')}`;
    renameSync(target, previous);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = partialPathFor(target, process.pid);
  copyFileSync(backup, partial, constants.COPYFILE_EXCL);
  publishCopy(partial, target);
  return { report, previous };
}
