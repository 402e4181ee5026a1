import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createStaff } from '../src/auth/auth.service.js';
import type { Clock } from '../src/clock.js';
import { openRuntime } from '../src/runtime.js';
import { systemActor } from '../src/shared/roles.js';
import { loginDuringFlood } from './support/login-flood.js';
import { type ServerProcess, startServer } from './support/server-process.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-db.js';

/** Wrong passwords slow a guesser down without locking staff out, and a flood never stalls a correct login. */
let t: TestApp;
let now = Date.parse('2026-12-02T01:00:00.000Z');
const clock: Clock = { now: () => new Date(now) };
const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestApp({ build: (deps) => buildApp({ ...deps, clock }) });
  await createStaff(t.deps, systemActor('test'), {
    username: 'demo_supervisor',
    password: TEST_PASSWORD,
    displayName: '现场主管',
    roles: ['supervisor'],
    allProjects: true,
  });
});
afterAll(async () => t.close());

const login = (password: string, ip = '10.60.0.1', username = 'demo_supervisor', app = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username, password } });

describe('wrong passwords', () => {
  it('slow a username down by a growing delay, never locking the supervisor out of the day, and the state survives a restart', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await login('wrong-password', `10.60.1.${i}`);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) throw new Error(`attempt ${i + 1} delayed: ${res.body}`);
      now += 60_000;
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const delayed = await login('wrong-password', '10.60.2.1');
    expect(delayed.statusCode).toBe(401);
    const held = await login(TEST_PASSWORD, '10.60.2.2');
    expect(held.statusCode).toBe(429);
    const wait = Number(held.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect(held.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(chinese) });

    // A restarted service (a new app on the same database) remembers the failures.
    const restarted = await buildApp({ ...t.deps, clock });
    expect((await login(TEST_PASSWORD, '10.60.2.3', 'demo_supervisor', restarted)).statusCode).toBe(429);
    await restarted.close();

    // Before: 429 for 15 minutes, again after every 11 guesses. Now at most half a minute.
    now += wait * 1000;
    expect((await login(TEST_PASSWORD, '10.60.2.4')).statusCode).toBe(200);
    expect(
      (
        await t.deps.db
          .selectFrom('loginFailures')
          .select('subject')
          .where('subject', '=', 'user:demo_supervisor')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('can be cleared by an administrator, audited', async () => {
    for (let i = 0; i < 6; i++) {
      await login('wrong-password', `10.61.0.${i}`);
      now += 10_000;
    }
    await login('wrong-password', '10.61.1.1');
    expect((await login(TEST_PASSWORD, '10.61.1.2')).statusCode).toBe(429);
    const admin = await t.loginAs('admin');
    const rows = (
      await t.app.inject({ method: 'GET', url: '/api/auth/login-failures', headers: { cookie: admin } })
    ).json<{ subject: string; failures: number }[]>();
    expect(rows.find((r) => r.subject === 'user:demo_supervisor')?.failures).toBe(7);
    const desk = await t.loginAs('reviewer');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login-failures/clear',
          headers: { cookie: desk },
          payload: { subject: 'user:demo_supervisor' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login-failures/clear',
          headers: { cookie: admin },
          payload: { subject: 'user:demo_supervisor' },
        })
      ).statusCode,
    ).toBe(204);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'auth.failures_cleared')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entityId: 'user:demo_supervisor', actorName: expect.stringMatching(/^admin-/) });
    expect((await login(TEST_PASSWORD, '10.61.1.3')).statusCode).toBe(200);
  });

  it('stop an address that fails thirty times, before hashing, and not its neighbours', async () => {
    for (let i = 0; i < 30; i++) expect((await login('wrong', '10.62.0.1', `nobody-${i}`)).statusCode).toBe(401);
    const blocked = await login(TEST_PASSWORD, '10.62.0.1');
    expect(blocked.statusCode).toBe(429);
    expect((await login(TEST_PASSWORD, '10.62.0.2')).statusCode).toBe(200);
  });
});

describe('a flood of wrong logins against a real server at the production scrypt cost', () => {
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...database.env, ANJU_SCRYPT_LOG_N: '17' };
    const runtime = await openRuntime(env);
    await createStaff(runtime.deps, systemActor('test'), {
      username: 'chief',
      password: TEST_PASSWORD,
      displayName: '主管',
      roles: ['supervisor'],
      allProjects: true,
    });
    await runtime.handle.close();
    server = await startServer({ env, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  // The bench (`npm run bench -- login`) reports the figure against its target (< 1 s); a test
  // machine shares its cores with other test files, so this compares with an unhurried login on the
  // same server. Before, the correct login queued behind about a hundred hashes (25 rounds of the
  // thread pool); now behind at most the two this address may have in flight.
  it('answers a correct login from another address about as fast as an unhurried one while 100 wrong ones arrive at once', async () => {
    const {
      unhurriedMs,
      duringFloodMs,
      duringFloodStatus,
      flood: answers,
    } = await loginDuringFlood(server.baseUrl, 'chief', TEST_PASSWORD);
    console.log(
      `[login flood] correct login ${duringFloodMs.toFixed(0)} ms (unhurried ${unhurriedMs.toFixed(0)} ms); flood: ${answers.filter((a) => a.status === 429).length} × 429, ${answers.filter((a) => a.status === 401).length} × 401`,
    );
    expect(duringFloodStatus).toBe(200);
    expect(duringFloodMs).toBeLessThan(unhurriedMs * 5 + 300);
    expect(answers.every((a) => a.status === 401 || a.status === 429 || a.status === 503)).toBe(true);
    // One hashes at a time, 32 wait their turn, the rest are refused before any hashing.
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(60);
  });
});
