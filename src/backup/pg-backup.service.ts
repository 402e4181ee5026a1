import { existsSync, statSync } from 'node:fs';
import { createDb } from '../db/create-db.js';
import { postgresTableCount } from './backup.repo.js';
import { BackupError, discard, partialPathFor, publishCopy, requireFreeDestination } from './backup-files.js';
import { createScratchDatabase, hasPgTool, runPgTool } from './pg-tools.js';
import { type CopyReport, verifyCopy } from './verify-copy.js';

export interface PostgresBackupResult {
  dest: string;
  bytes: number;
  elapsedMs: number;
  /** null when verification was skipped (--no-verify). */
  report: CopyReport | null;
}

async function verifyDatabase(databaseUrl: string): Promise<CopyReport> {
  const handle = createDb({ databaseUrl, sqliteFile: ':memory:' });
  try {
    return await verifyCopy(handle);
  } finally {
    await handle.close();
  }
}

/**
 * pg_dump in custom format reads one snapshot, so the dump is consistent while the server
 * writes. With verification the dump is restored into a scratch database and checked there
 * before it gets its name.
 */
export async function backupPostgres(
  databaseUrl: string,
  dest: string,
  verify: boolean,
): Promise<PostgresBackupResult> {
  if (!hasPgTool('pg_dump')) throw new BackupError('pg_dump is not on PATH');
  if (verify && !hasPgTool('pg_restore'))
    throw new BackupError('pg_restore is not on PATH (needed to verify; --no-verify skips it)');
  requireFreeDestination(dest);
  const partial = partialPathFor(dest, process.pid);
  const started = performance.now();
  try {
    await runPgTool('pg_dump', ['--format=custom', `--file=${partial}`], databaseUrl);
    let report: CopyReport | null = null;
    if (verify) {
      const scratch = await createScratchDatabase(databaseUrl);
      try {
        await runPgTool('pg_restore', ['--no-owner', '--exit-on-error', partial], scratch.url);
        report = await verifyDatabase(scratch.url);
      } finally {
        await scratch.drop();
      }
    }
    const bytes = statSync(partial).size;
    if (report && report.problems.length > 0) discard(partial);
    else publishCopy(partial, dest);
    return { dest, bytes, elapsedMs: performance.now() - started, report };
  } catch (err) {
    discard(partial);
    throw err;
  }
}

/** Restores a dump into an empty database (never over live data) and checks the result. */
export async function restorePostgres(backup: string, databaseUrl: string): Promise<CopyReport> {
  if (!hasPgTool('pg_restore')) throw new BackupError('pg_restore is not on PATH');
  if (!existsSync(backup)) throw new BackupError(`no backup file at ${backup}`);
  const target = createDb({ databaseUrl, sqliteFile: ':memory:' });
  try {
    const tables = await postgresTableCount(target.db);
    if (tables > 0)
      throw new BackupError(
        `the database in DATABASE_URL already has ${tables} tables; restore into a new, empty database (createdb) and point DATABASE_URL at it.`,
      );
  } finally {
    await target.close();
  }
  await runPgTool('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', backup], databaseUrl);
  return verifyDatabase(databaseUrl);
}
