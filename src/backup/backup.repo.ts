import { sql } from 'kysely';
import type { DbExecutor } from '../db/create-db.js';

export interface RowCounts {
  households: number;
  selections: number;
  stageRecords: number;
  agreements: number;
  documents: number;
  auditRows: number;
}

const countedTables = {
  households: 'households',
  selections: 'selections',
  stageRecords: 'stageRecords',
  agreements: 'agreements',
  documents: 'documents',
  auditRows: 'auditLog',
} as const;

export async function countRows(db: DbExecutor): Promise<RowCounts> {
  const counts: Partial<RowCounts> = {};
  for (const [name, table] of Object.entries(countedTables) as [
    keyof RowCounts,
    (typeof countedTables)[keyof RowCounts],
  ][]) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts as RowCounts;
}

/** SQLite's own page-level check: ['ok'] or the list of problems it found. */
export async function sqliteIntegrity(db: DbExecutor): Promise<string[]> {
  const result = await sql<{ integrityCheck: string }>`PRAGMA integrity_check`.execute(db);
  return result.rows.map((r) => Object.values(r)[0] as string);
}

export async function sqliteForeignKeyViolations(db: DbExecutor): Promise<number> {
  const result = await sql`PRAGMA foreign_key_check`.execute(db);
  return result.rows.length;
}

/** Tables in the current PostgreSQL database's public schema: a restore target must have none. */
export async function postgresTableCount(db: DbExecutor): Promise<number> {
  const result = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
