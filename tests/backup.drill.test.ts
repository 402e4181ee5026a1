import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditHead } from '../src/audit/audit.repo.js';
import { createStaff } from '../src/auth/auth.service.js';
import { countRows, type RowCounts } from '../src/backup/backup.repo.js';
import { verifyCopy } from '../src/backup/verify-copy.js';
import { stages } from '../src/checkin/stages.js';
import { createDb, type Db, type DbHandle } from '../src/db/create-db.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { openRuntime } from '../src/runtime.js';
import { type Role, systemActor } from '../src/shared/roles.js';
import { auditCount } from './support/audit.js';
import { startBackgroundWriters } from './support/backup-writers.js';
import { DayDriver, type Desk, deskRoles, type HouseholdFile } from './support/day-driver.js';
import { overHttp, type Requester, sessionCookieOf } from './support/http-client.js';
import { sized } from './support/long-run.js';
import { type ServerProcess, startServer } from './support/server-process.js';
import { TEST_PASSWORD } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-db.js';

const runFile = promisify(execFile);
const checklist = ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书'];
const households = sized(96, 24);
const backupRuns = sized(3, 2);

interface Snapshot {
  counts: RowCounts;
  lastSeq: number;
}

let database: TestDatabase;
let server: ServerProcess;
let live: DbHandle;
let http: Requester;
let workDir: string;
let roundId: string;
let supervisor: string;
let driver: DayDriver;
let seededProject: string;
let arrivalCodes: string[];
const cleanups: (() => Promise<void>)[] = [];

function cli(script: string, args: string[], env: Record<string, string>) {
  return runFile(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 1 << 20,
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

async function snapshot(db: Db): Promise<Snapshot> {
  const lastSeq = (await readAuditHead(db)).lastSeq;
  return { counts: await countRows(db), lastSeq };
}

const post = (url: string, cookie: string, payload?: object) =>
  http.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function login(username: string): Promise<string> {
  const res = await post('/api/auth/login', '', { username, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(200);
  return sessionCookieOf(res);
}

/** Loads the demo project and the desk staff through the services, before any server runs. */
async function seed(env: Record<string, string>): Promise<string> {
  const runtime = await openRuntime(env);
  try {
    const { projectId } = await loadDemo(runtime.deps, systemActor('demo'));
    for (const role of new Set<Role>(Object.values(deskRoles))) {
      await createStaff(runtime.deps, systemActor('test'), {
        username: `drill-${role}`,
        password: TEST_PASSWORD,
        displayName: role,
        roles: [role],
        allProjects: true,
      });
    }
    return projectId;
  } finally {
    await runtime.handle.close();
  }
}

/** Sets the round up over HTTP and returns a driver for the day's five desks. */
async function prepareDay(projectId: string): Promise<DayDriver> {
  supervisor = await login('drill-supervisor');
  const listing = (
    await http.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/households?limit=500`,
      headers: { cookie: supervisor },
    })
  ).json<{ items: { id: string; code: string; members: { idNumber: string; isHead: boolean }[] }[] }>();
  const files = listing.items.map((h) => ({
    id: h.id,
    code: h.code,
    headId: h.members.find((m) => m.isHead)?.idNumber ?? '',
    members: h.members.length,
  }));
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (
    await post(`/api/projects/${projectId}/rounds`, supervisor, { name: '备份演练', orderMethod: 'lottery', rules })
  ).json<{ id: string }>().id;
  await post(`/api/rounds/${roundId}/commitment`, supervisor);
  expect((await post(`/api/rounds/${roundId}/draw`, supervisor, { publicValue: '07 19 33' })).statusCode).toBe(200);
  const queue = (
    await http.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie: supervisor } })
  ).json<{ waiting: { householdId: string }[] }>();
  const desks: Desk[] = [];
  for (const [i, stage] of stages.entries()) {
    const cookie = deskRoles[stage] === 'supervisor' ? supervisor : await login(`drill-${deskRoles[stage]}`);
    expect(
      (await post('/api/desks/sign-in', cookie, { projectId, deskNumber: `${i + 1}号窗口`, stage })).statusCode,
    ).toBe(200);
    desks.push({ stage, cookie, number: `${i + 1}号窗口` });
  }
  arrivalCodes = queue.waiting.slice(0, households).map((w) => files.find((f) => f.id === w.householdId)?.code ?? '');
  return new DayDriver(http, roundId, desks, new Map<string, HouseholdFile>(files.map((f) => [f.id, f])), checklist);
}

/** The desks' client: batch by batch, the households arrive and go through every desk. */
async function runDay(): Promise<number> {
  let served = 0;
  for (let batch = 1; (batch - 1) * 12 < arrivalCodes.length; batch++) {
    expect((await post(`/api/rounds/${roundId}/batches`, supervisor, { number: batch })).statusCode).toBeLessThan(300);
    for (const code of arrivalCodes.slice((batch - 1) * 12, batch * 12)) {
      expect(
        (
          await post(`/api/rounds/${roundId}/arrivals`, driver.desk('documentReview').cookie, {
            by: 'code',
            value: code,
          })
        ).statusCode,
      ).toBeLessThan(300);
    }
    served += await driver.drain(stages, async () => false);
  }
  return served;
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a copy torn between two transactions would break: every record has its audit row, every PDF its document. */
async function expectConsistent(db: Db): Promise<Snapshot> {
  const report = await verifyCopy({ db, dialect: database.kind, close: async () => undefined });
  expect(report.problems).toEqual([]);
  const restored = await snapshot(db);
  expect(restored.counts.stageRecords).toBe(await auditCount(db, 'stage.complete', 'stage.return'));
  expect(restored.counts.selections).toBe(await auditCount(db, 'selection.create'));
  const withPdf = await db
    .selectFrom('agreements')
    .select('pdfDocumentId')
    .where('pdfDocumentId', 'is not', null)
    .execute();
  expect(withPdf.length).toBe(await auditCount(db, 'agreement.generate'));
  const orphaned = await db
    .selectFrom('agreements')
    .leftJoin('documents', 'documents.id', 'agreements.pdfDocumentId')
    .select('agreements.id')
    .where('agreements.pdfDocumentId', 'is not', null)
    .where('documents.id', 'is', null)
    .execute();
  expect(orphaned).toEqual([]);
  // Numbers and PDFs are issued together; every signed copy has its document and its audit row.
  expect(await db.selectFrom('agreements').select('id').where('pdfDocumentId', 'is', null).execute()).toEqual([]);
  const scans = await db.selectFrom('documents').select('id').where('kind', '=', 'signed_copy').execute();
  expect(scans.length).toBe(await auditCount(db, 'agreement.signed_copy'));
  return restored;
}

function expectBetween(restored: Snapshot, before: Snapshot, after: Snapshot): void {
  expect(restored.lastSeq).toBeGreaterThanOrEqual(before.lastSeq);
  expect(restored.lastSeq).toBeLessThanOrEqual(after.lastSeq);
  for (const name of Object.keys(restored.counts) as (keyof RowCounts)[]) {
    expect(restored.counts[name], name).toBeGreaterThanOrEqual(before.counts[name]);
    expect(restored.counts[name], name).toBeLessThanOrEqual(after.counts[name]);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = mkdtempSync(join(tmpdir(), 'anju-backup-drill-'));
  const env = { ...database.env, ANJU_SCRYPT_LOG_N: '14' };
  const projectId = await seed(env);
  server = await startServer({ env });
  http = overHttp(server.baseUrl);
  live = createDb({ databaseUrl: database.env.DATABASE_URL, sqliteFile: database.env.ANJU_SQLITE_FILE ?? ':memory:' });
  driver = await prepareDay(projectId);
  seededProject = projectId;
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await live?.close();
  await server?.stop();
  await database?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('backup while the allocation day runs, and the restore drill', () => {
  it('takes consistent copies under load that restore, verify and serve', { timeout: 600_000 }, async () => {
    const stop = { now: false };
    const day = runDay();
    const writers = startBackgroundWriters(
      { http, baseUrl: server.baseUrl, cookie: supervisor, projectId: seededProject, roundId },
      stop,
    );
    const copies: { file: string; before: Snapshot; after: Snapshot }[] = [];
    try {
      // Every table the drill checks has rows before the first copy: agreements and their PDFs too.
      await waitUntil(async () => (await countRows(live.db)).documents > 0, 'the first agreement PDF');
      for (let run = 1; run <= backupRuns; run++) {
        const file = join(workDir, `copy-${run}.${database.kind === 'sqlite' ? 'db' : 'dump'}`);
        const before = await snapshot(live.db);
        const started = performance.now();
        const result = await cli('backup', ['--out', file, '--pages-per-step', '16'], database.env);
        const elapsed = Math.round(performance.now() - started);
        const after = await snapshot(live.db);
        expect(result.code, result.out).toBe(0);
        expect(result.out).toContain('audit chain intact');
        if (database.kind === 'sqlite') expect(result.out).toMatch(/ 0 restarts/);
        // The server kept writing while the backup command ran.
        expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
        console.log(
          `[backup drill ${database.kind}] run ${run}: ${elapsed} ms, ${statSync(file).size} bytes, audit rows ${before.lastSeq} → ${after.lastSeq} meanwhile (3 writing clients)\n${result.out}`,
        );
        copies.push({ file, before, after });
      }
    } finally {
      stop.now = true;
    }
    const [corrections, scanned] = await Promise.all(writers);
    const served = await day;
    console.log(
      `[backup drill ${database.kind}] load: ${served} desk stages, ${corrections} file corrections, ${scanned} signed copies scanned in`,
    );

    let lastRestored: Record<string, string> = {};
    for (const [i, copy] of copies.entries()) {
      const target = await restoreTarget(i);
      const restored = await cli(
        'restore',
        database.kind === 'sqlite' ? [copy.file, '--to', target.env.ANJU_SQLITE_FILE ?? ''] : [copy.file],
        target.env,
      );
      expect(restored.code, restored.out).toBe(0);
      const handle = createDb({
        databaseUrl: target.env.DATABASE_URL,
        sqliteFile: target.env.ANJU_SQLITE_FILE ?? ':memory:',
      });
      try {
        const figures = await expectConsistent(handle.db);
        expectBetween(figures, copy.before, copy.after);
        console.log(
          `[backup drill ${database.kind}] copy ${i + 1} restored: audit seq ${figures.lastSeq}, ${JSON.stringify(figures.counts)}`,
        );
      } finally {
        await handle.close();
      }
      lastRestored = target.env;
    }

    const restoredServer = await startServer({ env: { ...lastRestored, ANJU_SCRYPT_LOG_N: '14' } });
    cleanups.push(() => restoredServer.stop());
    const restoredHttp = overHttp(restoredServer.baseUrl);
    const health = await restoredHttp.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', database: database.kind });
    const cookie = sessionCookieOf(
      await restoredHttp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'drill-supervisor', password: TEST_PASSWORD },
      }),
    );
    const progress = await restoredHttp.inject({
      method: 'GET',
      url: `/api/rounds/${roundId}/progress`,
      headers: { cookie },
    });
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toMatchObject({ households: 96 });
  });
});

/** Where a copy is restored: a new SQLite path, or a new empty PostgreSQL database. */
async function restoreTarget(i: number): Promise<{ env: Record<string, string> }> {
  if (database.kind === 'sqlite') {
    const file = join(workDir, `restored-${i + 1}.db`);
    return { env: { ANJU_SQLITE_FILE: file } };
  }
  const fresh = await createTestDatabase();
  cleanups.push(() => fresh.drop());
  return { env: fresh.env };
}
