import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let supervisor: string;
let reviewer: string;
let roundId: string;
/** The round's households in selection order, with their 户号 and head's name. */
let order: { householdId: string; code: string; headName: string }[];

const post = (url: string, payload?: object, cookie = supervisor) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie = supervisor) => t.app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  supervisor = await t.loginAs('supervisor');
  reviewer = await t.loginAs('reviewer');
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  roundId = (await post(`/api/projects/${projectId}/rounds`, { name: '分房日', orderMethod: 'lottery', rules })).json()
    .id;
  await post(`/api/rounds/${roundId}/commitment`);
  await post(`/api/rounds/${roundId}/draw`, { publicValue: '01 02 03' });
  const waiting: { householdId: string }[] = (await get(`/api/rounds/${roundId}/queue`)).json().waiting;
  order = [];
  for (const w of waiting.slice(0, 3)) {
    const file = (await get(`/api/households/${w.householdId}`)).json();
    const head = file.members.find((m: { isHead: boolean }) => m.isHead);
    order.push({ householdId: w.householdId, code: file.code, headName: head.name });
  }
});
afterAll(async () => t.close());

describe('the door (签到处)', () => {
  it('finds a 户号 typed in lower case with spaces around it, and names the head for the cross-check', async () => {
    const [first] = order;
    if (!first) throw new Error('no household');
    expect(first.code).toMatch(/[A-Z]/);
    const res = await post(
      `/api/rounds/${roundId}/arrivals`,
      { by: 'code', value: `  ${first.code.toLowerCase()} ` },
      reviewer,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: first.code, headName: first.headName, position: 1, batch: 1 });
    expect(res.json().arrivedAt).toMatch(/^\d{4}-/);
  });

  it('finds the 户号 from a lower-case QR text too, and still says 未找到 for an unknown one', async () => {
    const second = order[1];
    if (!second) throw new Error('no household');
    const qr = await post(`/api/rounds/${roundId}/arrivals`, {
      by: 'qr',
      value: `ANJU1:${roundId}:${second.code.toLowerCase()}`,
    });
    expect(qr.statusCode, qr.body).toBe(200);
    expect(qr.json()).toMatchObject({ code: second.code, position: 2 });
    const unknown = await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: 'zz-999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND', field: 'value' });
    expect(unknown.json().message).toMatch(/未找到该户/);
  });

  it('lists who has arrived, newest first, with the time and the count', async () => {
    const third = order[2];
    if (!third) throw new Error('no household');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: third.code });
    const res = await get(`/api/rounds/${roundId}/arrivals`, reviewer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.count).toBe(3);
    expect(body.households).toBeGreaterThanOrEqual(3);
    expect(body.arrivals.map((a: { code: string }) => a.code)).toEqual([third.code, order[1]?.code, order[0]?.code]);
    expect(body.arrivals[0]).toMatchObject({ headName: third.headName, position: 3, batch: 1, absent: false });
    expect(body.arrivals[0].arrivedAt > body.arrivals[1].arrivedAt).toBe(true);
  });

  it('answers the open batches from the server, so a reloaded page shows them', async () => {
    expect((await get(`/api/rounds/${roundId}/batches`, reviewer)).json()).toEqual([]);
    await post(`/api/rounds/${roundId}/batches`, { number: 1 });
    const open = (await get(`/api/rounds/${roundId}/batches`, reviewer)).json();
    expect(open.map((b: { number: number }) => b.number)).toEqual([1]);
    expect((await get('/api/rounds/no-such-round/batches')).statusCode).toBe(404);
  });

  it('answers a queue ticket with the masked name, number, batch and the QR modules', async () => {
    const [first] = order;
    if (!first) throw new Error('no household');
    const { workflowId } = (await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: first.code })).json();
    const res = await get(`/api/workflows/${workflowId}/ticket`, reviewer);
    expect(res.statusCode, res.body).toBe(200);
    const ticket = res.json();
    expect(ticket).toMatchObject({ code: first.code, position: 1, batch: 1, roundName: '分房日' });
    expect(ticket.maskedName).not.toBe(first.headName);
    expect(ticket.maskedName.startsWith([...first.headName][0] ?? '')).toBe(true);
    expect(ticket.maskedName).toContain('*');
    expect(ticket.qr.length).toBeGreaterThanOrEqual(21);
    expect(ticket.qr.every((row: string) => row.length === ticket.qr.length && /^[01]+$/.test(row))).toBe(true);
    const missing = await get('/api/workflows/no-such-id/ticket');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toMatch(/[\u4e00-\u9fff]/);
  });
});
