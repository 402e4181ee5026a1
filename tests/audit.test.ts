import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit.service.js';
import { createProjectVia, householdBody } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let supervisor: string;
let projectId: string;

beforeAll(async () => {
  t = await createTestApp();
  supervisor = await t.loginAs('supervisor');
  projectId = await createProjectVia(t.app, supervisor, 'AUD');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/households`,
    headers: { cookie: supervisor },
    payload: householdBody('A-001'),
  });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('records who changed what, with before and after, in the same transaction', async () => {
    const household = (
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/households?q=A-001`,
        headers: { cookie: supervisor },
      })
    ).json().items[0];
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${household.id}`,
      headers: { cookie: supervisor },
      payload: { entitledArea: '92.50', reason: '复核征收档案后更正' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().entitledArea).toBe('92.50');
    const rows = (
      await t.app.inject({ method: 'GET', url: `/api/audit?entityId=${household.id}`, headers: { cookie: supervisor } })
    ).json();
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['household.update', 'household.create']);
    expect(rows[0].before.entitledAreaCenti).toBe(9000);
    expect(rows[0].after).toMatchObject({ entitledAreaCenti: 9250, reason: '复核征收档案后更正' });
    expect(rows[0].actorName).toMatch(/^supervisor-/);
  });

  it('verifies an untouched chain', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: supervisor } });
    expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(res.json().rowsChecked).toBeGreaterThan(3);
  });

  it('names the first row whose content was edited in the database', async () => {
    const target = await t.deps.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', '=', 'household.create')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('auditLog')
      .set({ afterJson: sql<string>`replace(after_json, '王秀芳', '王秀英')` })
      .where('seq', '=', target.seq)
      .execute();
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: supervisor } });
    expect(res.json()).toMatchObject({ ok: false, firstBrokenSeq: target.seq });
    expect(res.json().message).toContain(`第 ${target.seq} 条`);
  });

  it('notices a deleted row and a forged hash alike', async () => {
    const last = await t.deps.db
      .selectFrom('auditLog')
      .select(['seq'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('auditLog').where('seq', '=', last.seq).execute();
    const report = await verifyAuditChain(t.deps.db);
    expect(report.ok).toBe(false);
    // The earlier edit is still the first break the walk meets.
    expect(report.firstBreak).toMatchObject({ kind: 'altered' });
  });

  it('is closed to desk staff', async () => {
    const desk = await t.loginAs('reviewer');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie: desk } })).statusCode,
    ).toBe(403);
  });
});
