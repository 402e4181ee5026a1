import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../src/shared/masking.js';
import { createRound, type Demo, loadDemoProject } from './support/rounds.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The hall screen's state: the calls standing now and the day's counts, public, names masked. */
let t: TestApp;
let demo: Demo;
let supervisor: string;
let roundId: string;

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });
const hall = () => t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/hall` });

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  roundId = (
    await createRound(t, supervisor, demo.projectId, {
      name: '第一轮',
      orderMethod: 'lottery',
      rules: { maxExcessCenti: 4000, batchSize: 48 },
    })
  ).id;
  await post(`/api/rounds/${roundId}/commitment`);
  expect((await post(`/api/rounds/${roundId}/draw`, { publicValue: '07 19 23' })).statusCode).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /public/rounds/:id/hall', () => {
  it('answers an unknown round with 404 and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public/rounds/no-such-round/hall' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('counts nobody before the day and lists no call', async () => {
    const res = await hall();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ calls: [], counts: { arrived: 0, waiting: 0, chosen: 0 } });
  });

  it('lists the call standing now with the name masked, and counts the arrived and the waiting', async () => {
    const [first, second] = demo.households;
    if (!first || !second) throw new Error('no households');
    expect(
      (await post('/api/desks/sign-in', { projectId: demo.projectId, deskNumber: '2号窗口', stage: 'documentReview' }))
        .statusCode,
    ).toBe(200);
    for (const number of [1, 2]) await post(`/api/rounds/${roundId}/batches`, { number });
    for (const h of [first, second])
      expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: h.code })).statusCode).toBe(200);
    const called = await post(`/api/rounds/${roundId}/calls`);
    expect(called.statusCode, called.body).toBe(200);
    const { householdId, position } = called.json<{ householdId: string; position: number }>();
    const head = demo.households.find((h) => h.id === householdId);
    if (!head) throw new Error('called an unknown household');
    const res = await hall();
    expect(res.json()).toMatchObject({
      calls: [{ position, maskedName: maskName(head.headName), desk: '2号窗口', stage: '材料审核' }],
      counts: { arrived: 2, waiting: 1, chosen: 0 },
    });
    expect(res.body).not.toContain(head.headName);
  });
});
