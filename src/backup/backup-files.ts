import { existsSync, linkSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type BackupKind = 'sqlite' | 'postgres';

/** A refusal or failure the operator can act on; the CLI prints the message and exits 1. */
export class BackupError extends Error {}

/** `backups/anju-20261127T161500Z.db` (SQLite) or `.dump` (pg_dump custom format). */
export function defaultBackupPath(now: Date, kind: BackupKind): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return join('backups', `anju-${stamp}.${kind === 'sqlite' ? 'db' : 'dump'}`);
}

/** Where a copy is written until it has been verified; never mistaken for a finished backup. */
export function partialPathFor(dest: string, pid: number): string {
  return `${dest}.partial-${pid}`;
}

export function requireFreeDestination(dest: string): void {
  if (existsSync(dest))
    throw new BackupError(`${dest} already exists; a backup never overwrites a file. Choose another --out.`);
  mkdirSync(dirname(dest), { recursive: true });
}

/** Gives the verified copy its final name; a hard link fails rather than replace a file that appeared meanwhile. */
export function publishCopy(partial: string, dest: string): void {
  try {
    linkSync(partial, dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupError(`${dest} appeared while copying; the copy was discarded.`);
    throw err;
  } finally {
    rmSync(partial, { force: true });
  }
}

export function discard(partial: string): void {
  rmSync(partial, { force: true });
}
