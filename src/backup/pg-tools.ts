import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BackupError } from './backup-files.js';

/**
 * The connection for pg_dump/pg_restore: the URL without its password on the command line
 * (where `ps` would show it); the password travels in PGPASSWORD instead.
 */
export function pgToolConnection(databaseUrl: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function hasPgTool(tool: 'pg_dump' | 'pg_restore'): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const connection = pgToolConnection(databaseUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${connection.dbname}`], {
      env: { ...process.env, ...connection.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (err) => reject(new BackupError(`${tool} could not start: ${err.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

async function onServer<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A throw-away database on the same server, to restore a dump into and check it. */
export async function createScratchDatabase(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `anju_verify_${randomBytes(6).toString('hex')}`;
  try {
    await onServer(databaseUrl, (c) => c.query(`create database ${name}`));
  } catch (err) {
    throw new BackupError(
      `cannot create a scratch database to verify the dump (${err instanceof Error ? err.message : String(err)}); grant CREATEDB or pass --no-verify`,
    );
  }
  return {
    url: databaseUrlFor(databaseUrl, name),
    drop: () =>
      onServer(databaseUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
