import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHINESE,
  createRound,
  type Demo,
  type ErrorBody,
  liveSelectionsOfUnit,
  loadDemoProject,
  orderedRound,
  orderRound,
  type SelectionBody,
  select,
  unitStatus,
  verifyAudit,
} from './support/rounds.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// On SQLite Kysely runs one transaction at a time, so these races are trivially safe there;
// on PostgreSQL (a pool of 10) they are real and only the database's conditional updates decide.
let t: TestApp;
let demo: Demo;
let sup: string;
let clerk: string;
beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  [sup, clerk] = [await t.loginAs('supervisor'), await t.loginAs('signing_clerk')];
});
afterAll(async () => t.close());

const ids = (...codes: string[]) => codes.map((c) => ({ householdId: demo.byCode(c).id }));
const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode);
const count = (responses: LightMyRequestResponse[], status: number) =>
  statuses(responses).filter((s) => s === status).length;

async function freeFlatIds(): Promise<string[]> {
  return (
    await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('projectId', '=', demo.projectId)
      .where('status', '=', 'available')
      .execute()
  ).map((u) => u.id);
}

describe('a household never takes more than its right', () => {
  let roundId: string;
  beforeAll(async () => {
    // 先签先选: B7-015 first, then B7-016. A band wide enough for every flat.
    roundId = (
      await orderedRound(t, sup, demo.projectId, {
        name: '并发一',
        rules: { maxExcessCenti: 5000 },
        households: [...ids('B7-016', 'B7-015'), { householdId: demo.byCode('B7-017').id, flatsAllowed: 2 }],
      })
    ).id;
  });

  it('100 identical requests at once: one selection, every other answer is that same selection', async () => {
    const flat = demo.flat(1, 20, 1);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => select(t, clerk, roundId, demo.byCode('B7-015').id, flat.id)),
    );
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    const created = responses.find((r) => r.statusCode === 201)?.json<SelectionBody>();
    for (const res of responses.filter((r) => r.statusCode !== 201)) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<SelectionBody>()).toMatchObject({ selectionId: created?.selectionId, repeated: true });
    }
    expect(await liveSelectionsOfUnit(t, flat.id)).toBe(1);
  });

  it('the same household asking for every free flat at once gets exactly one', async () => {
    const household = demo.byCode('B7-016');
    const flats = await freeFlatIds();
    expect(flats.length).toBe(95);
    const responses = await Promise.all(flats.map((unitId) => select(t, clerk, roundId, household.id, unitId)));
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    expect(count(responses, 409)).toBe(94);
    for (const res of responses.filter((r) => r.statusCode === 409)) {
      expect(res.json<ErrorBody>()).toMatchObject({ code: 'RIGHT_USED_UP', message: expect.stringMatching(CHINESE) });
    }
    const live = await t.deps.db
      .selectFrom('selections')
      .select('unitId')
      .where('householdId', '=', household.id)
      .where('undoneAt', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    const allocated = await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('projectId', '=', demo.projectId)
      .where('status', '=', 'allocated')
      .execute();
    expect(allocated.map((u) => u.id).sort()).toEqual([demo.flat(1, 20, 1).id, live[0]?.unitId].sort());
    const member = await t.deps.db
      .selectFrom('roundHouseholds')
      .selectAll()
      .where('roundId', '=', roundId)
      .where('householdId', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ flatsTaken: 1, status: 'done' });
  });

  it('a right to two flats does not let racing desks break the area band (82 ㎡ + 50 ㎡ fits one flat only)', async () => {
    const household = demo.byCode('B7-017');
    const responses = await Promise.all(
      (await freeFlatIds()).map((unitId) => select(t, clerk, roundId, household.id, unitId)),
    );
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    for (const res of responses.filter((r) => r.statusCode !== 201))
      expect(res.json<ErrorBody>().code, res.body).toBe('AREA_OUT_OF_BAND');
    const member = await t.deps.db
      .selectFrom('roundHouseholds')
      .selectAll()
      .where('roundId', '=', roundId)
      .where('householdId', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ flatsTaken: 1, status: 'waiting' });
  });
});

describe('two desks can never take the same flat', () => {
  it('four rounds sharing one flat, 25 desks each pressing at once: one selection in all', async () => {
    const flat = demo.flat(2, 20, 2);
    const others = [demo.flat(2, 21, 2).id, demo.flat(2, 22, 2).id];
    const rounds: { roundId: string; householdId: string }[] = [];
    for (const [i, code] of ['B7-020', 'B7-021', 'B7-022', 'B7-023'].entries()) {
      const round = await createRound(t, sup, demo.projectId, {
        name: `共享房源${i}`,
        orderMethod: 'signing_time',
        rules: { maxExcessCenti: 5000 },
        households: ids(code),
        unitIds: others,
      });
      const membership = await t.app.inject({
        method: 'PUT',
        url: `/api/rounds/${round.id}/membership`,
        headers: { cookie: sup },
        payload: { households: ids(code), unitIds: [flat.id, ...others] },
      });
      expect(membership.json()).toMatchObject({ households: 1, units: 3 });
      expect((await orderRound(t, sup, round.id)).statusCode).toBe(200);
      rounds.push({ roundId: round.id, householdId: demo.byCode(code).id });
    }
    const requests = rounds.flatMap((r) =>
      Array.from({ length: 25 }, () => ({ ...r, go: () => select(t, clerk, r.roundId, r.householdId, flat.id) })),
    );
    const responses = await Promise.all(requests.map((r) => r.go()));
    expect(count(responses, 201), statuses(responses).join(',')).toBe(1);
    const winner = responses.find((r) => r.statusCode === 201)?.json<SelectionBody>();
    responses.forEach((res, i) => {
      if (res.statusCode === 201) return;
      if (requests[i]?.householdId === winner?.householdId) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<SelectionBody>().selectionId).toBe(winner?.selectionId);
      } else {
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json<ErrorBody>()).toMatchObject({
          code: 'UNIT_TAKEN',
          message: expect.stringContaining('7#楼2单元2002室已被选定'),
        });
      }
    });
    expect(await liveSelectionsOfUnit(t, flat.id)).toBe(1);
    expect(await unitStatus(t, flat.id)).toBe('allocated');
  });

  it('the database itself refuses a second live selection of a flat', async () => {
    const taken = await t.deps.db
      .selectFrom('selections')
      .selectAll()
      .where('undoneAt', 'is', null)
      .executeTakeFirstOrThrow();
    const copy = { ...taken, id: `${taken.id}-copy`, householdId: demo.byCode('B7-024').id };
    await expect(t.deps.db.insertInto('selections').values(copy).execute()).rejects.toThrow();
    expect(await liveSelectionsOfUnit(t, taken.unitId)).toBe(1);
  });
});

describe('automatic allocation', () => {
  const rules = {
    maxExcessCenti: 1000,
    maxShortfallCenti: 3000,
    priority: { floorsAtMost: 3, flags: ['elderly', 'disabled'] as ('elderly' | 'disabled')[] },
    batchSize: 10,
  };
  const used = new Set(['B7-015', 'B7-016', 'B7-017', 'B7-020', 'B7-021', 'B7-022', 'B7-023']);

  it('gives each household at most its right, each flat at most once, within the band, and the audit chain holds', async () => {
    const households = demo.households.filter((h) => h.compensationSignedAt && !used.has(h.code));
    const twoFlats = new Set(['B7-001', 'B7-004', 'B7-036']);
    const round = await orderedRound(t, sup, demo.projectId, {
      name: '自动分配',
      rules,
      households: households.map((h) => ({ householdId: h.id, flatsAllowed: twoFlats.has(h.code) ? 2 : 1 })),
    });
    // B7-001 (103 ㎡, may take two) chose one flat at a desk before the run; that flat counts too.
    const desk = await select(t, clerk, round.id, demo.byCode('B7-001').id, demo.flat(2, 15, 2).id);
    expect(desk.statusCode, desk.body).toBe(201);

    const runs = await Promise.all(
      [1, 2].map(() =>
        t.app.inject({ method: 'POST', url: `/api/rounds/${round.id}/auto-allocate`, headers: { cookie: sup } }),
      ),
    );
    expect(
      statuses(runs).every((s) => s === 200 || s === 409),
      runs.map((r) => r.body).join('\n'),
    ).toBe(true);
    expect(count(runs, 200)).toBeGreaterThanOrEqual(1);
    for (const run of runs.filter((r) => r.statusCode === 409)) expect(run.json<ErrorBody>().message).toMatch(CHINESE);
    const assigned = runs
      .filter((r) => r.statusCode === 200)
      .reduce((sum, r) => sum + r.json<{ assigned: number }>().assigned, 0);

    const live = await t.deps.db
      .selectFrom('selections')
      .innerJoin('units', 'units.id', 'selections.unitId')
      .select(['selections.householdId', 'selections.unitId', 'units.buildingAreaCenti', 'units.floor', 'units.status'])
      .where('selections.roundId', '=', round.id)
      .where('selections.undoneAt', 'is', null)
      .execute();
    expect(live.length).toBe(assigned + 1);
    expect(assigned).toBeGreaterThan(30);
    const perUnit = await t.deps.db
      .selectFrom('selections')
      .select(['unitId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('undoneAt', 'is', null)
      .groupBy('unitId')
      .execute();
    expect(perUnit.every((u) => Number(u.n) === 1)).toBe(true);
    expect(live.every((s) => s.status === 'allocated')).toBe(true);

    const members = await t.deps.db.selectFrom('roundHouseholds').selectAll().where('roundId', '=', round.id).execute();
    const priority = new Set(households.filter((h) => h.isElderly === 1 || h.isDisabled === 1).map((h) => h.id));
    for (const m of members) {
      const mine = live.filter((s) => s.householdId === m.householdId);
      const h = households.find((x) => x.id === m.householdId);
      expect(mine.length).toBe(m.flatsTaken);
      expect(m.flatsTaken).toBeLessThanOrEqual(m.flatsAllowed);
      const area = mine.reduce((sum, s) => sum + s.buildingAreaCenti, 0);
      expect(area, h?.code).toBeLessThanOrEqual((h?.entitledAreaCenti ?? 0) + rules.maxExcessCenti);
    }
    // B7-001's desk flat (95.18 ㎡) leaves no second flat inside 103 + 10 ㎡.
    expect(live.filter((s) => s.householdId === demo.byCode('B7-001').id).map((s) => s.unitId)).toEqual([
      demo.flat(2, 15, 2).id,
    ]);
    // Floors 1–3 went to others only once no priority household was left waiting.
    const lowToOthers = live.filter((s) => s.floor <= 3 && !priority.has(s.householdId));
    if (lowToOthers.length > 0)
      expect(members.filter((m) => priority.has(m.householdId)).every((m) => m.status === 'done')).toBe(true);
    expect(await verifyAudit(t, sup)).toBe(true);
  });
});
