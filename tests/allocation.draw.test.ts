import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
let t: TestApp;
let cookie: string;
let projectId: string;
let roundId: string;

const rules = { maxExcessCenti: 3000, maxShortfallCenti: null, priority: null, batchSize: 12 };

async function drawVerify(notice: unknown): Promise<{ code: number; out: string }> {
  const file = join(tmpdir(), `notice-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(notice));
  // No database variables: the command must work from the notice alone.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return run('npx', ['tsx', 'src/cli/draw-verify.ts', file], { env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  projectId = (await loadDemo(t.deps, systemActor('demo'))).projectId;
  cookie = await t.loginAs('supervisor');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    headers: { cookie },
    payload: { name: '首批摇号', orderMethod: 'lottery', rules },
  });
  expect(res.statusCode).toBe(201);
  roundId = res.json().id;
});
afterAll(async () => t.close());

describe('the verifiable draw over HTTP', () => {
  it('publishes a commitment and keeps the secret out of every public place until the draw', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/rounds/${roundId}/commitment`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'committed', secret: null, households: 96 });
    expect(res.json().commitment).toMatch(/^[0-9a-f]{64}$/);
    const notice = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.json` })).json();
    expect(notice).toMatchObject({ secret: null, order: null, listHash: res.json().listHash });
    const { secret } = await t.deps.db
      .selectFrom('allocationRounds')
      .select('secret')
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    const audit = await t.deps.db.selectFrom('auditLog').select('afterJson').where('entityId', '=', roundId).execute();
    expect(audit.some((a) => a.afterJson?.includes(secret ?? 'none'))).toBe(false);
  });

  it('refuses to change the list after the commitment', async () => {
    const households = (
      await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/households?limit=500`, headers: { cookie } })
    ).json().items;
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/rounds/${roundId}/membership`,
      headers: { cookie },
      payload: { households: households.slice(1).map((h: { id: string }) => ({ householdId: h.id })) },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('不能再更改');
  });

  it('draws with the public value, reveals the secret and fixes the order in batches', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/rounds/${roundId}/draw`,
      headers: { cookie },
      payload: { publicValue: ' 03 15 22 36 41 ' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ordered', publicValue: '03 15 22 36 41' });
    expect(res.json().secret).toMatch(/^[0-9a-f]{64}$/);
    const queue = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie } })
    ).json();
    expect(queue.waiting).toHaveLength(96);
    expect(queue.next).toMatchObject({ position: 1, batch: 1 });
    expect(queue.waiting[95]).toMatchObject({ position: 96, batch: 8 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/rounds/${roundId}/draw`,
      headers: { cookie },
      payload: { publicValue: 'other' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets anyone recompute the order with draw:verify, without the database', async () => {
    const notice = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.json` })).json();
    expect(notice.order).toHaveLength(96);
    const ok = await drawVerify(notice);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('draw verified');
  });

  it('fails draw:verify on a tampered notice and names what does not match', async () => {
    const notice = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.json` })).json();
    const swapped = [...notice.order];
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    const bad = await drawVerify({ ...notice, order: swapped });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('order mismatch at position 1');
    const otherValue = await drawVerify({ ...notice, publicValue: '03 15 22 36 42' });
    expect(otherValue.code).toBe(1);
    expect(otherValue.out).toContain('seed mismatch');
  });

  it('prints a notice page for the notary with every input', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('摇号公示');
    expect(page.body).toContain('03 15 22 36 41');
  });

  it('publishes results as a printable page with masked names only', async () => {
    const households = (
      await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/households?limit=500`, headers: { cookie } })
    ).json().items;
    const page = await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/results/page` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('选房结果公示');
    const longNames = households.map((h: { headName: string }) => h.headName).filter((n: string) => n.length >= 3);
    expect(longNames.length).toBeGreaterThan(0);
    for (const name of longNames) expect(page.body).not.toContain(name);
    expect(page.body).toContain(`${longNames[0][0]}*`);
  });
});
