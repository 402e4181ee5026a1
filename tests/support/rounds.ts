import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadDemo } from '../../src/demo/demo.service.js';
import { systemActor } from '../../src/shared/roles.js';
import type { TestApp } from './test-app.js';

/** The demo project's households and flats as the database holds them, for choosing test cases. */
export interface DemoHousehold {
  id: string;
  code: string;
  entitledAreaCenti: number;
  compensationSignedAt: string | null;
  isElderly: number;
  isDisabled: number;
  headName: string;
}

export interface DemoFlat {
  id: string;
  entrance: number;
  floor: number;
  room: string;
  buildingAreaCenti: number;
  label: string;
}

export interface Demo {
  projectId: string;
  households: DemoHousehold[];
  flats: DemoFlat[];
  byCode(code: string): DemoHousehold;
  /** Flat `slot` (1 or 2) of `floor` in entrance `entrance`, e.g. flat(2, 15, 2) = 7#楼2单元1502室. */
  flat(entrance: number, floor: number, slot: number): DemoFlat;
}

export async function loadDemoProject(t: TestApp): Promise<Demo> {
  const { projectId } = await loadDemo(t.deps, systemActor('demo'));
  const households = await t.deps.db
    .selectFrom('households')
    .innerJoin('householdMembers', (join) =>
      join.onRef('householdMembers.householdId', '=', 'households.id').on('householdMembers.isHead', '=', 1),
    )
    .select([
      'households.id',
      'households.code',
      'households.entitledAreaCenti',
      'households.compensationSignedAt',
      'households.isElderly',
      'households.isDisabled',
      'householdMembers.name as headName',
    ])
    .where('households.projectId', '=', projectId)
    .orderBy('households.code')
    .execute();
  const units = await t.deps.db
    .selectFrom('units')
    .innerJoin('entrances', 'entrances.id', 'units.entranceId')
    .select(['units.id', 'entrances.number as entrance', 'units.floor', 'units.room', 'units.buildingAreaCenti'])
    .where('units.projectId', '=', projectId)
    .execute();
  const flats = units.map((u) => ({ ...u, label: `7#楼${u.entrance}单元${u.room}室` }));
  return {
    projectId,
    households,
    flats,
    byCode(code) {
      const found = households.find((h) => h.code === code);
      if (!found) throw new Error(`no household ${code}`);
      return found;
    },
    flat(entrance, floor, slot) {
      const found = flats.find((f) => f.entrance === entrance && f.room === `${floor}0${slot}`);
      if (!found) throw new Error(`no flat ${entrance}-${floor}0${slot}`);
      return found;
    },
  };
}

export interface RoundRulesInput {
  maxExcessCenti: number;
  maxShortfallCenti?: number | null;
  priority?: { floorsAtMost: number; flags: ('elderly' | 'disabled')[] } | null;
  batchSize?: number;
}

export interface RoundInput {
  name: string;
  orderMethod: 'lottery' | 'signing_time' | 'imported';
  rules: RoundRulesInput;
  households?: { householdId: string; flatsAllowed?: number }[];
  unitIds?: string[];
}

export interface RoundView {
  id: string;
  status: string;
  households: number;
  units: number;
}

export interface QueueEntry {
  householdId: string;
  code: string;
  headName: string;
  position: number | null;
  batch: number | null;
  reason: string;
}

export interface QueueView {
  status: string;
  currentBatch: number;
  next: QueueEntry | null;
  serving: QueueEntry[];
  ready: QueueEntry[];
  waiting: QueueEntry[];
  passed: (QueueEntry & { readiness: string })[];
  notReady: (QueueEntry & { readiness: string })[];
  announcement: string | null;
  forfeited: { householdId: string; code: string; position: number | null; kind: string; text: string }[];
  absent: { householdId: string; code: string; position: number | null }[];
  done: number;
  unitsLeft: number;
}

export interface SelectionBody {
  selectionId: string;
  householdId: string;
  unitId: string;
  unitLabel: string;
  settlement: {
    entitledCenti: number;
    allocatedCenti: number;
    differenceCenti: number;
    lines: { kind: string; amountFen: number }[];
    totalFen: number;
  };
  settlementText: string;
  repeated: boolean;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export const CHINESE = /[\u4e00-\u9fff]/;

export async function createRound(
  t: TestApp,
  cookie: string,
  projectId: string,
  input: RoundInput,
): Promise<RoundView> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    headers: { cookie },
    payload: input,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<RoundView>();
}

/** A lottery round of the demo project, committed and drawn: its order is fixed, the day can start. */
export async function drawnRound(
  t: TestApp,
  cookie: string,
  projectId: string,
  name: string,
  publicValue: string,
): Promise<string> {
  const { id } = await createRound(t, cookie, projectId, {
    name,
    orderMethod: 'lottery',
    rules: { maxExcessCenti: 4000, batchSize: 12 },
  });
  const post = (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  expect((await post(`/api/rounds/${id}/commitment`)).statusCode).toBe(200);
  expect((await post(`/api/rounds/${id}/draw`, { publicValue })).statusCode).toBe(200);
  return id;
}

export function orderRound(t: TestApp, cookie: string, roundId: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `/api/rounds/${roundId}/order`, headers: { cookie }, payload: {} });
}

/** Creates a round and fixes its order by signing time (先签先选). */
export async function orderedRound(
  t: TestApp,
  cookie: string,
  projectId: string,
  input: Omit<RoundInput, 'orderMethod'>,
): Promise<RoundView> {
  const round = await createRound(t, cookie, projectId, { ...input, orderMethod: 'signing_time' });
  const res = await orderRound(t, cookie, round.id);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RoundView>();
}

export async function getQueue(t: TestApp, cookie: string, roundId: string): Promise<QueueView> {
  const res = await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<QueueView>();
}

export function select(
  t: TestApp,
  cookie: string,
  roundId: string,
  householdId: string,
  unitId: string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/rounds/${roundId}/selections`,
    headers: { cookie },
    payload: { householdId, unitId },
  });
}

export async function liveSelectionsOfUnit(t: TestApp, unitId: string): Promise<number> {
  const row = await t.deps.db
    .selectFrom('selections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', unitId)
    .where('undoneAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function unitStatus(t: TestApp, unitId: string): Promise<string> {
  return (await t.deps.db.selectFrom('units').select('status').where('id', '=', unitId).executeTakeFirstOrThrow())
    .status;
}

export async function verifyAudit(t: TestApp, cookie: string): Promise<boolean> {
  const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ ok: boolean }>().ok;
}

/** Expected 先签先选 order: signing time to the second, then 户号 by code point. */
export function signingOrder(households: readonly DemoHousehold[]): string[] {
  const second = (h: DemoHousehold) => Math.floor(Date.parse(h.compensationSignedAt ?? '') / 1000);
  return [...households]
    .sort((a, b) => second(a) - second(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((h) => h.code);
}
