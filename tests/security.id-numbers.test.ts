import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../src/auth/auth.service.js';
import { stages } from '../src/checkin/stages.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { openRuntime } from '../src/runtime.js';
import { type Role, roles, systemActor } from '../src/shared/roles.js';
import { DayDriver, type Desk, deskRoles, type HouseholdFile } from './support/day-driver.js';
import { type Answer, overHttp, type Requester, sessionCookieOf } from './support/http-client.js';
import { type ServerProcess, startServer } from './support/server-process.js';
import { TEST_PASSWORD } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-db.js';

/**
 * Full ID numbers appear only where the work needs them (DESIGN.md: 公示 masks them):
 * the ID desk, the signing desk (the agreement names the head by ID number) and the managers.
 */
const SEES_FULL_ID: readonly Role[] = ['admin', 'supervisor', 'id_checker', 'signing_clerk'];

let database: TestDatabase;
let server: ServerProcess;
let http: Requester;
let projectId: string;
let roundId: string;
let idNumbers: string[];
const cookies = new Map<Role, string>();
const files: HouseholdFile[] = [];
let agreementNumbers: string[] = [];

const get = (url: string, role?: Role) =>
  http.inject({ method: 'GET', url, headers: role ? { cookie: cookies.get(role) ?? '' } : {} });
const post = (url: string, role: Role, payload?: object) =>
  http.inject({ method: 'POST', url, headers: { cookie: cookies.get(role) ?? '' }, ...(payload ? { payload } : {}) });

/** The full ID numbers found in a text, X matched either way. */
const fullIdsIn = (text: string) => idNumbers.filter((id) => text.toUpperCase().includes(id));

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { ...database.env, ANJU_SCRYPT_LOG_N: '14' };
  const runtime = await openRuntime(env);
  try {
    projectId = (await loadDemo(runtime.deps, systemActor('demo'))).projectId;
    for (const role of roles)
      await createStaff(runtime.deps, systemActor('test'), {
        username: `id-${role}`,
        password: TEST_PASSWORD,
        displayName: role,
        roles: [role],
        allProjects: true,
      });
    idNumbers = (await runtime.deps.db.selectFrom('householdMembers').select('idNumber').execute()).map(
      (m) => m.idNumber,
    );
  } finally {
    await runtime.handle.close();
  }
  // debug: the most the server ever writes about a request.
  server = await startServer({ env: { ...env, LOG_LEVEL: 'debug' }, timeoutMs: 120_000 });
  http = overHttp(server.baseUrl);
  for (const role of roles) {
    const res = await http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `id-${role}`, password: TEST_PASSWORD },
    });
    cookies.set(role, sessionCookieOf(res));
  }

  const listing = (await get(`/api/projects/${projectId}/households?limit=500`, 'supervisor')).json<{
    items: { id: string; code: string; members: { idNumber: string; isHead: boolean }[] }[];
  }>();
  for (const h of listing.items)
    files.push({
      id: h.id,
      code: h.code,
      headId: h.members.find((m) => m.isHead)?.idNumber ?? '',
      members: h.members.length,
    });
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (
    await post(`/api/projects/${projectId}/rounds`, 'supervisor', { name: '证件号演练', orderMethod: 'lottery', rules })
  ).json<{ id: string }>().id;
  await post(`/api/rounds/${roundId}/commitment`, 'supervisor');
  expect((await post(`/api/rounds/${roundId}/draw`, 'supervisor', { publicValue: '03 14 15' })).statusCode).toBe(200);
  const desks: Desk[] = [];
  for (const [i, stage] of stages.entries()) {
    expect(
      (await post('/api/desks/sign-in', deskRoles[stage], { projectId, deskNumber: `${i + 1}号窗口`, stage }))
        .statusCode,
    ).toBe(200);
    desks.push({ stage, cookie: cookies.get(deskRoles[stage]) ?? '', number: `${i + 1}号窗口` });
  }
  await post(`/api/rounds/${roundId}/batches`, 'supervisor', { number: 1 });
  const queue = (await get(`/api/rounds/${roundId}/queue`, 'supervisor')).json<{
    waiting: { householdId: string }[];
  }>();
  // Arrivals by ID number and a search by ID number put the number in a body and in a URL.
  for (const w of queue.waiting.slice(0, 12)) {
    const file = files.find((f) => f.id === w.householdId) as HouseholdFile;
    expect((await get(`/api/projects/${projectId}/households?q=${file.headId}`, 'reviewer')).statusCode).toBe(200);
    expect(
      (await post(`/api/rounds/${roundId}/arrivals`, 'reviewer', { by: 'idNumber', value: file.headId })).statusCode,
    ).toBeLessThan(300);
  }
  const driver = new DayDriver(http, roundId, desks, new Map(files.map((f) => [f.id, f])), [
    '户口簿',
    '居民身份证',
    '征收补偿协议',
    '房屋腾空交付确认书',
  ]);
  expect(await driver.drain(stages, async () => false)).toBe(12 * stages.length);
  agreementNumbers = (await get(`/api/rounds/${roundId}/agreements`, 'supervisor'))
    .json<{ number: string }[]>()
    .map((a) => a.number);
  expect(agreementNumbers).toHaveLength(12);
  // A resident fetches an agreement; a wrong guess is logged as refused.
  const first = files.find((f) => f.id === queue.waiting[0]?.householdId) as HouseholdFile;
  const mine = (await get(`/api/rounds/${roundId}/agreements`, 'supervisor'))
    .json<{ number: string; householdId: string }[]>()
    .find((a) => a.householdId === first.id);
  expect(
    (
      await http.inject({
        method: 'POST',
        url: '/public/agreements/download',
        payload: { number: mine?.number ?? '', idSuffix: first.headId.slice(-6) },
      })
    ).statusCode,
  ).toBe(200);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('full ID numbers only where they are needed', () => {
  it('keeps every full ID number out of the server log, even at debug and for searches by ID number', () => {
    const log = server.output.join('\n');
    expect(server.output.length).toBeGreaterThan(100);
    expect(log).toContain('/households?q=');
    expect(fullIdsIn(log)).toEqual([]);
  });

  it('shows no full ID number on any public page or answer', async () => {
    const urls = [
      `/public/rounds/${roundId}/units`,
      `/public/rounds/${roundId}/hall`,
      `/public/rounds/${roundId}/notice`,
      `/public/rounds/${roundId}/notice.json`,
      `/public/rounds/${roundId}/results`,
      `/public/rounds/${roundId}/results/page`,
      `/hall/${roundId}`,
      `/board/${roundId}`,
      `/gongshi/${roundId}`,
      '/public/agreements',
      ...agreementNumbers.flatMap((n) => [`/public/verify/${n}`, `/public/verify/${n}/json`]),
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(fullIdsIn(res.body), url).toEqual([]);
    }
  });

  it('reveals full ID numbers to the ID desk, the signing desk and the managers only; masked for every other desk', async () => {
    const sample = files.slice(0, 5);
    const urls = [
      `/api/projects/${projectId}/households?limit=500`,
      ...sample.flatMap((f) => [
        `/api/households/${f.id}`,
        `/api/households/${f.id}/timeline`,
        `/api/rounds/${roundId}/households/${f.id}/workflow`,
      ]),
      `/api/rounds/${roundId}/queue`,
      `/api/rounds/${roundId}/progress`,
      `/api/rounds/${roundId}/agreements`,
    ];
    for (const role of roles) {
      const answers: [string, Answer][] = [];
      for (const url of urls) answers.push([url, await get(url, role)]);
      const shown = new Set(answers.flatMap(([, b]) => fullIdsIn(b.body)));
      if (SEES_FULL_ID.includes(role)) expect(shown.size, role).toBe(idNumbers.length);
      else {
        const leaking = answers.filter(([_url, b]) => fullIdsIn(b.body).length > 0).map(([url]) => url);
        expect(leaking, `${role} reads full ID numbers`).toEqual([]);
        expect(answers[0]?.[1].body, `${role} sees masked numbers`).toMatch(/"idNumber":"\d{4}\*{10}[\dX]{4}"/);
      }
    }
  });
});
