import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { stages } from '../../src/checkin/stages.js';
import { loadDemo } from '../../src/demo/demo.service.js';
import type { RoundEvent } from '../../src/events/event-bus.js';
import { systemActor } from '../../src/shared/roles.js';
import { DayDriver, type Desk, deskRoles, type HouseholdFile } from './day-driver.js';
import { createTestApp, type TestApp } from './test-app.js';

export const CHECKLIST = ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书'];

/** The demo project with one desk per stage (the signing clerk also works 选房) and a supervisor. */
export interface DayFixture {
  t: TestApp;
  projectId: string;
  supervisor: string;
  desks: Desk[];
  files: HouseholdFile[];
  post(url: string, cookie: string, payload?: object): Promise<LightMyRequestResponse>;
  get<T>(url: string, cookie?: string): Promise<T>;
}

/** The day fixture of a test file: filled in before its tests run, its app closed after them. */
export function useDayFixture(): DayFixture {
  const fixture = {} as DayFixture;
  beforeAll(async () => {
    Object.assign(fixture, await dayFixture(await createTestApp()));
  });
  afterAll(async () => fixture.t?.close());
  return fixture;
}

export async function dayFixture(t: TestApp): Promise<DayFixture> {
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  const supervisor = await t.loginAs('supervisor', 'chief');
  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const get = async <T>(url: string, cookie = supervisor): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const listing = await get<{
    items: { id: string; code: string; members: { idNumber: string; isHead: boolean }[] }[];
  }>(`/api/projects/${projectId}/households?limit=500`);
  const files = listing.items.map((h) => ({
    id: h.id,
    code: h.code,
    headId: h.members.find((m) => m.isHead)?.idNumber ?? '',
    members: h.members.length,
  }));
  const desks: Desk[] = [];
  for (const [i, stage] of stages.entries()) {
    const role = stage === 'selection' ? 'signing_clerk' : deskRoles[stage];
    const cookie = await t.loginAs(role, `desk-${stage}`);
    const res = await post('/api/desks/sign-in', cookie, { projectId, deskNumber: `${i + 1}号窗口`, stage });
    expect(res.statusCode, res.body).toBe(200);
    desks.push({ stage, cookie, number: `${i + 1}号窗口` });
  }
  return { t, projectId, supervisor, desks, files, post, get };
}

export interface Day {
  roundId: string;
  driver: DayDriver;
  /** The households in selection order: position i + 1. */
  order: HouseholdFile[];
  events: RoundEvent[];
  arrive(n: number): Promise<void>;
  /** Calls at the stage's desk, expecting the household at position n; returns its workflow id. */
  call(stage: (typeof stages)[number], n: number): Promise<{ workflowId: string; announcement: string | null }>;
  /** Calls and completes the stage with a complete form for the household at position n. */
  serve(stage: (typeof stages)[number], n: number): Promise<void>;
}

/** A round of the given demo households in that order (imported), batch 1 open, events recorded. */
export async function startDay(f: DayFixture, codes: string[], batchSize = codes.length): Promise<Day> {
  const order = codes.map((code) => f.files.find((h) => h.code === code) as HouseholdFile);
  const created = await f.post(`/api/projects/${f.projectId}/rounds`, f.supervisor, {
    name: `分房日 ${codes[0]}`,
    orderMethod: 'imported',
    rules: { maxExcessCenti: 100_000, maxShortfallCenti: null, priority: null, batchSize },
    households: order.map((h) => ({ householdId: h.id })),
  });
  expect(created.statusCode, created.body).toBe(201);
  const roundId = created.json<{ id: string }>().id;
  expect((await f.post(`/api/rounds/${roundId}/order`, f.supervisor, { codes })).statusCode).toBe(200);
  expect((await f.post(`/api/rounds/${roundId}/batches`, f.supervisor, { number: 1 })).statusCode).toBe(200);
  const driver = new DayDriver(f.t.app, roundId, f.desks, new Map(f.files.map((h) => [h.id, h])), CHECKLIST);
  const events: RoundEvent[] = [];
  f.t.deps.events.subscribe(roundId, (e) => events.push(e));
  const day: Day = {
    roundId,
    driver,
    order,
    events,
    async arrive(n) {
      const res = await f.post(`/api/rounds/${roundId}/arrivals`, driver.desk('documentReview').cookie, {
        by: 'code',
        value: order[n - 1]?.code,
      });
      expect(res.statusCode, res.body).toBe(200);
    },
    async call(stage, n) {
      const { status, call, body } = await driver.call(stage);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(call?.code, `${stage} called ${call?.code}, expected ${order[n - 1]?.code}`).toBe(order[n - 1]?.code);
      return {
        workflowId: call?.workflowId ?? '',
        announcement: (call as { announcement?: string | null } | null)?.announcement ?? null,
      };
    },
    async serve(stage, n) {
      const { workflowId } = await day.call(stage, n);
      const res = await driver.complete(stage, workflowId, await driver.defaultForm(stage, order[n - 1]?.id ?? ''));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ outcome: string }>().outcome).toBe('completed');
    },
  };
  return day;
}
