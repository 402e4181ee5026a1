import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAgreementRecord } from '../src/agreements/agreement-numbers.js';
import { createStaff } from '../src/auth/auth.service.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { scopeOfUrl } from '../src/http/access.js';
import { type Role, systemActor } from '../src/shared/roles.js';
import { createProjectVia } from './support/fixtures.js';
import { routeTable } from './support/route-table.js';
import { createTestApp, sessionCookie, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * The cross-project column of the access matrix: staff belong to projects. For every staff route
 * whose path names an entity, each role it admits is refused that entity of another project
 * (403), and served it in its own (not refused for the project).
 */
let t: TestApp;
let chief: string;
const ids: Record<string, string> = {};
let householdId = '';
let projectB = '';
const roles: Role[] = ['supervisor', 'reviewer', 'id_checker', 'signing_clerk', 'property_clerk', 'key_keeper'];
const outsiders = new Map<Role, string>();
const insiders = new Map<Role, string>();
const post = (url: string, cookie: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function staffOf(role: Role, name: string, projectIds: string[]): Promise<string> {
  await createStaff(t.deps, systemActor('test'), {
    username: name,
    password: TEST_PASSWORD,
    displayName: name,
    roles: [role],
    projectIds,
  });
  return sessionCookie(
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: TEST_PASSWORD },
    }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  chief = await t.loginAs('supervisor', 'chief');
  projectB = await createProjectVia(t.app, chief, 'OTHER');
  const households = await t.deps.db
    .selectFrom('households')
    .select(['id', 'code'])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .limit(4)
    .execute();
  const codes = households.map((h) => h.code);
  const round = (
    await post(`/api/projects/${projectId}/rounds`, chief, {
      name: '跨项目',
      orderMethod: 'imported',
      rules: { maxExcessCenti: 100_000 },
      households: households.map((h) => ({ householdId: h.id })),
    })
  ).json<{ id: string }>();
  expect((await post(`/api/rounds/${round.id}/order`, chief, { codes })).statusCode).toBe(200);
  const [first, second, third] = households;
  const options = (
    await t.app.inject({
      method: 'GET',
      url: `/api/rounds/${round.id}/households/${first?.id}/options`,
      headers: { cookie: chief },
    })
  ).json<{ unitId: string; allowed: boolean }[]>();
  const selection = (
    await post(`/api/rounds/${round.id}/selections`, chief, {
      householdId: first?.id,
      unitId: options.find((o) => o.allowed)?.unitId,
    })
  ).json<{ selectionId: string }>();
  const forfeit = (
    await post(`/api/rounds/${round.id}/households/${second?.id}/forfeit`, chief, {
      kind: 'cash',
      reason: '选择货币补偿',
    })
  ).json<{ id: string }>();
  await post(`/api/rounds/${round.id}/batches`, chief, { number: 1 });
  const door = await staffOf('reviewer', 'door', [projectId]);
  await post('/api/desks/sign-in', door, { projectId, deskNumber: '门口', stage: 'documentReview' });
  const arrival = (await post(`/api/rounds/${round.id}/arrivals`, door, { by: 'code', value: third?.code })).json<{
    workflowId: string;
  }>();
  const agreement = await t.deps.db.transaction().execute((trx) =>
    issueAgreementRecord(trx, systemActor('test'), t.deps.clock.now().toISOString(), {
      projectId,
      projectCode: 'FJW',
      roundId: round.id,
      householdId: first?.id ?? '',
    }),
  );
  const job = (await post(`/api/rounds/${round.id}/agreements/print`, chief)).json<{ id: string }>();
  Object.assign(ids, {
    project: projectId,
    round: round.id,
    household: first?.id,
    workflow: arrival.workflowId,
    agreement: agreement.id,
    selection: selection.selectionId,
    forfeit: forfeit.id,
    printJob: job.id,
  });
  householdId = first?.id ?? '';
  for (const role of roles) {
    outsiders.set(role, await staffOf(role, `outsider-${role}`, [projectB]));
    insiders.set(role, await staffOf(role, `insider-${role}`, [projectId]));
  }
});
afterAll(async () => t.close());

const scoped = routeTable.filter((row) => row.allowed !== 'public' && !row.page && scopeOfUrl(row.url) !== null);
const urlOf = (url: string) =>
  url
    .replace(':id', ids[scopeOfUrl(url) ?? ''] ?? 'missing')
    .replace(':householdId', householdId)
    .replace(':stage', 'documentReview');

describe('staff belong to projects', () => {
  it('covers every staff route that names an entity', () => {
    expect(scoped.length).toBeGreaterThan(50);
  });

  it('refuses each admitted role an entity of another project, and does not refuse it one of its own', async () => {
    const wrong: string[] = [];
    for (const row of scoped) {
      for (const role of roles.filter((r) => row.allowed !== 'public' && row.allowed.includes(r))) {
        const request = (cookie: string) =>
          t.app.inject({ method: row.method, url: urlOf(row.url), headers: { cookie } });
        const outside = await request(outsiders.get(role) ?? '');
        if (outside.statusCode !== 403 || !outside.body.includes('未分配到该项目'))
          wrong.push(`${role} outside ${row.method} ${row.url}: ${outside.statusCode}`);
        const inside = await request(insiders.get(role) ?? '');
        if (inside.body.includes('未分配到该项目')) wrong.push(`${role} inside ${row.method} ${row.url}: refused`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists only the projects one serves, and signs a desk in only to those', async () => {
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: outsiders.get('reviewer') ?? '' } })
    ).json<{ id: string }[]>();
    expect(listed.map((p) => p.id)).toEqual([projectB]);
    const desk = await post('/api/desks/sign-in', outsiders.get('reviewer') ?? '', {
      projectId: ids.project,
      deskNumber: '9号窗口',
      stage: 'documentReview',
    });
    expect(desk.statusCode).toBe(403);
    // A desk signed in to its own project cannot call another project's round even if it serves both.
    const both = await staffOf('reviewer', 'both', [ids.project ?? '', projectB]);
    expect(
      (await post('/api/desks/sign-in', both, { projectId: projectB, deskNumber: '1号窗口', stage: 'documentReview' }))
        .statusCode,
    ).toBe(200);
    const call = await post(`/api/rounds/${ids.round}/calls`, both);
    expect(call.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('另一个项目') });
  });

  it('shows a supervisor of one project only its audit rows', async () => {
    const rows = (
      await t.app.inject({
        method: 'GET',
        url: '/api/audit?limit=500',
        headers: { cookie: outsiders.get('supervisor') ?? '' },
      })
    ).json<{ projectId: string | null }[]>();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.projectId === projectB)).toBe(true);
  });
});
