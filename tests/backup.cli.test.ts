import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackupPath, partialPathFor } from '../src/backup/backup-files.js';
import { pgToolConnection } from '../src/backup/pg-tools.js';
import { createProjectVia } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-db.js';

const runFile = promisify(execFile);
let t: TestApp;
let dir: string;

function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string> = {}) {
  return runFile(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    env: { ...process.env, ...t.database.env, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const ext = () => (t.database.kind === 'sqlite' ? 'db' : 'dump');

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'anju-backup-cli-'));
  const cookie = await t.loginAs('supervisor');
  await createProjectVia(t.app, cookie, 'BAK');
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup file names (pure)', () => {
  it('names a backup by UTC time and keeps the unverified copy under another name', () => {
    expect(defaultBackupPath(new Date('2026-11-27T16:15:09.123Z'), 'sqlite')).toBe(
      join('backups', 'anju-20261127T161509Z.db'),
    );
    expect(defaultBackupPath(new Date('2026-11-27T16:15:09.123Z'), 'postgres')).toBe(
      join('backups', 'anju-20261127T161509Z.dump'),
    );
    expect(partialPathFor('backups/a.db', 42)).toBe('backups/a.db.partial-42');
  });

  it('keeps the PostgreSQL password off the pg_dump command line', () => {
    expect(pgToolConnection('postgres://anju:s%40cret@db.local:5433/anju')).toEqual({
      dbname: 'postgres://anju@db.local:5433/anju',
      env: { PGPASSWORD: 's@cret' },
    });
    expect(pgToolConnection('postgres://postgres@127.0.0.1:5432/test')).toEqual({
      dbname: 'postgres://postgres@127.0.0.1:5432/test',
      env: {},
    });
  });
});

describe('npm run backup', () => {
  it('never overwrites an existing file', { timeout: 120_000 }, async () => {
    const dest = join(dir, `taken.${ext()}`);
    writeFileSync(dest, 'an older backup');
    const result = await cli('backup', ['--out', dest]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('already exists');
    expect(readFileSync(dest, 'utf8')).toBe('an older backup');
  });

  it('refuses a copy whose audit chain is broken, names the row, and leaves no file behind', {
    timeout: 120_000,
  }, async () => {
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select(['seq', 'actorName'])
      .where('action', '=', 'project.create')
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('auditLog').set({ actorName: 'someone-else' }).where('seq', '=', row.seq).execute();
    try {
      const sub = mkdtempSync(join(dir, 'broken-'));
      const result = await cli('backup', ['--out', join(sub, `broken.${ext()}`)]);
      expect(result.code).toBe(1);
      expect(result.out).toContain('FAILED verification');
      expect(result.out).toContain(`第 ${row.seq} 条审计记录的内容被改动`);
      expect(readdirSync(sub)).toEqual([]);
    } finally {
      await t.deps.db.updateTable('auditLog').set({ actorName: row.actorName }).where('seq', '=', row.seq).execute();
    }
  });

  it('needs pg_dump only for PostgreSQL; without it, prints the exact command and fails', {
    timeout: 120_000,
  }, async () => {
    const dest = join(dir, `no-tools.${ext()}`);
    const result = await cli('backup', ['--out', dest], { PATH: '/nonexistent' });
    if (t.database.kind === 'sqlite') {
      expect(result.code, result.out).toBe(0);
      expect(existsSync(dest)).toBe(true);
    } else {
      expect(result.code).toBe(1);
      expect(result.out).toContain(`pg_dump --format=custom --file=${dest}`);
      expect(existsSync(dest)).toBe(false);
    }
  });
});

describe('npm run restore', () => {
  it('refuses to restore over the database in use', { timeout: 120_000 }, async () => {
    const backup = join(dir, `good.${ext()}`);
    expect((await cli('backup', ['--out', backup])).code).toBe(0);
    const before = await t.deps.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const result = await cli('restore', [backup, '--replace']);
    expect(result.code).toBe(1);
    // SQLite: the open server's -wal/-shm give it away; PostgreSQL: the target database is not empty.
    expect(result.out).toMatch(t.database.kind === 'sqlite' ? /Stop the server/ : /restore into a new, empty database/);
    const after = await t.deps.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('verifies what it restores and names the broken audit row', { timeout: 180_000 }, async () => {
    const backup = join(dir, `tampered.${ext()}`);
    if (t.database.kind === 'sqlite') {
      expect((await cli('backup', ['--out', backup])).code).toBe(0);
      const copy = new SqliteDatabase(backup);
      copy.prepare("update audit_log set after_json = '{}' where seq = 2").run();
      copy.close();
      const target = join(dir, 'from-tampered.db');
      const result = await cli('restore', [backup, '--to', target]);
      expect(result.code).toBe(1);
      expect(result.out).toContain('第 2 条审计记录的内容被改动');
      expect(existsSync(target)).toBe(false);
      return;
    }
    // A dump cannot be edited in place: dump a database whose chain was broken, unverified.
    const row = await t.deps.db
      .selectFrom('auditLog')
      .select(['seq', 'afterJson'])
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await t.deps.db.updateTable('auditLog').set({ afterJson: '{}' }).where('seq', '=', 2).execute();
    try {
      const dumped = await cli('backup', ['--out', backup, '--no-verify']);
      expect(dumped.code, dumped.out).toBe(0);
      expect(dumped.out).toContain('not verified');
    } finally {
      await t.deps.db.updateTable('auditLog').set({ afterJson: row.afterJson }).where('seq', '=', 2).execute();
    }
    const fresh = await createTestDatabase();
    try {
      const result = await cli('restore', [backup], fresh.env);
      expect(result.code).toBe(1);
      expect(result.out).toContain('第 2 条审计记录的内容被改动');
      expect(result.out).toContain('do not use this database');
    } finally {
      await fresh.drop();
    }
  });

  // The -wal/-shm files that betray an open database exist only on SQLite.
  if (!process.env.DATABASE_URL)
    it('after a clean stop: backup leaves no -wal/-shm, restore --replace moves the old file aside', {
      timeout: 120_000,
    }, async () => {
      const live = t.database.env.ANJU_SQLITE_FILE ?? '';
      const backup = join(dir, 'stopped.db');
      await t.runtime.handle.close();
      expect((await cli('backup', ['--out', backup])).code).toBe(0);
      expect(existsSync(`${live}-wal`) || existsSync(`${live}-shm`)).toBe(false);
      const result = await cli('restore', [backup, '--replace']);
      expect(result.code, result.out).toBe(0);
      const keptAs = /is kept as (\S+)\.\n/.exec(result.out)?.[1] ?? '';
      expect(existsSync(keptAs)).toBe(true);
      expect(readFileSync(live).equals(readFileSync(backup))).toBe(true);
      rmSync(keptAs);
    });
});
