import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** Env for loadConfig: DATABASE_URL for PostgreSQL, ANJU_SQLITE_FILE for SQLite. */
  env: Record<string, string>;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/**
 * A fresh, real database per test file: a new SQLite file, or a new database on the PostgreSQL
 * server named by DATABASE_URL when the suite runs against PostgreSQL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const suffix = randomBytes(6).toString('hex');
  if (serverUrl) {
    const name = `anju_t_${suffix}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      kind: 'postgres',
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        // pool.end() resolves while its clients are still saying goodbye; forcing the drop then
        // kills them mid-way and each reports FATAL 57P01 as an unhandled error. Let them leave first.
        for (let waited = 0; waited < 5_000; waited += 50) {
          const { rows } = await client.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }
  const file = join(tmpdir(), `anju-test-${suffix}.db`);
  return {
    env: { ANJU_SQLITE_FILE: file },
    kind: 'sqlite',
    async drop() {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
  };
}
