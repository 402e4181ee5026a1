import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.service.js';
import { type DemoResult, loadDemo } from '../src/demo/demo.service.js';
import { isValidIdNumber } from '../src/shared/id-number.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let first: DemoResult;

beforeAll(async () => {
  t = await createTestApp();
  first = await loadDemo(t.deps, systemActor('demo'));
});
afterAll(async () => t.close());

describe('demo: the reference case', () => {
  it('builds 安置B区 7#楼 with 96 flats whose areas are a plausible share of 10,553.77 m²', async () => {
    const cookie = await t.loginAs('supervisor');
    const buildings = (
      await t.app.inject({ method: 'GET', url: `/api/projects/${first.projectId}/buildings`, headers: { cookie } })
    ).json();
    expect(buildings).toEqual([
      expect.objectContaining({
        zone: '安置B区',
        name: '7#楼',
        floorsAbove: 24,
        floorsBelow: 1,
        totalArea: '10553.77',
        entrances: 2,
        unitCount: 96,
      }),
    ]);
    const share = Number(buildings[0].unitArea) / 10553.77;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(1);
    const units = (
      await t.app.inject({ method: 'GET', url: `/api/projects/${first.projectId}/units`, headers: { cookie } })
    ).json();
    expect(units).toHaveLength(96);
    expect(units.map((u: { label: string }) => u.label)).toContain('7#楼2单元1502室');
  });

  it('registers 96 households with members and valid-checksum ID numbers', async () => {
    const cookie = await t.loginAs('supervisor');
    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${first.projectId}/households?limit=500`,
        headers: { cookie },
      })
    ).json();
    expect(list.total).toBe(96);
    const members = list.items.flatMap((h: { members: { idNumber: string }[] }) => h.members);
    expect(members.length).toBeGreaterThan(96);
    expect(members.every((m: { idNumber: string }) => isValidIdNumber(m.idNumber))).toBe(true);
    expect(new Set(members.map((m: { idNumber: string }) => m.idNumber)).size).toBe(members.length);
    expect(list.items.filter((h: { compensationSignedAt: string | null }) => h.compensationSignedAt).length).toBe(60);
  });

  it('creates one login per role and prints their passwords once', async () => {
    expect(first.staff.map((s) => s.role).sort()).toEqual([
      'admin',
      'id_checker',
      'key_keeper',
      'property_clerk',
      'reviewer',
      'signing_clerk',
      'supervisor',
    ]);
    const keys = first.staff.find((s) => s.role === 'key_keeper');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: keys?.username, password: keys?.password },
    });
    expect(res.statusCode).toBe(200);
  });

  it('is safe to run twice', async () => {
    const second = await loadDemo(t.deps, systemActor('demo'));
    expect(second.projectCreated).toBe(false);
    expect(second.projectId).toBe(first.projectId);
    expect(second.staff.every((s) => s.password === null)).toBe(true);
    const n = await t.deps.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(96);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
