import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/auth/roles.js';
import { loadDemo } from '../src/demo/demo.service.js';
import type { Answer } from './support/http-client.js';
import { sized } from './support/long-run.js';
import { call, expectSameOrderEverywhere, nodeOfDesk, openRaceCluster, openScreens, RaceTally, type Node, type RaceCluster } from './support/races.js';
import type { Screen } from './support/sse-client.js';

// Eight desks, each serving the one household of its own round, all reaching for the same flat:
// the rounds share their flats, so nothing but the flat's row decides. A supervisor undoes the
// winner's selection after each race, which frees the flat for the next one.
const RACES = sized(1000, 60);
const DESKS = 8;
const SHARED_FLATS = 4;

let cluster: RaceCluster;
let supervisors: { node: Node; cookie: string }[];
let desks: { node: Node; cookie: string; roundId: string; householdId: string }[];
let flatIds: string[];
let screens: Map<string, Screen[]>;

beforeAll(async () => {
  cluster = await openRaceCluster();
  const { projectId } = await loadDemo(cluster.deps, systemActor('demo'));
  const households = await cluster.deps.db.selectFrom('households').select('id').where('projectId', '=', projectId).where('compensationSignedAt', 'is not', null).orderBy('code').limit(DESKS).execute();
  const flats = await cluster.deps.db.selectFrom('units').select('id').where('projectId', '=', projectId).where('status', '=', 'available').orderBy('id').limit(SHARED_FLATS).execute();
  flatIds = flats.map((f) => f.id);
  supervisors = await Promise.all(cluster.nodes.map(async (node, i) => ({ node, cookie: await cluster.staff('supervisor', `chief-${i}`, node) })));
  const chief = supervisors[0] as { node: Node; cookie: string };
  desks = [];
  for (const [i, household] of households.entries()) {
    // A round of one household never waits for a turn; any flat fits its band.
    const created = await call(chief.node, chief.cookie, {
      method: 'POST',
      url: `/api/projects/${projectId}/rounds`,
      payload: { name: `抢房${i + 1}`, orderMethod: 'signing_time', rules: { maxExcessCenti: 100_000, maxShortfallCenti: null, priority: null }, households: [{ householdId: household.id }], unitIds: flatIds },
    });
    expect(created.statusCode, created.body).toBe(201);
    const roundId = created.json<{ id: string }>().id;
    const ordered = await call(chief.node, chief.cookie, { method: 'POST', url: `/api/rounds/${roundId}/order`, payload: {} });
    expect(ordered.statusCode, ordered.body).toBe(200);
    const node = nodeOfDesk(cluster, i);
    desks.push({ node, cookie: await cluster.staff('signing_clerk', `desk-${i + 1}`, node), roundId, householdId: household.id });
  }
  screens = await openScreens(cluster, desks.map((d) => d.roundId));
}, 120_000);

afterAll(async () => {
  for (const list of screens?.values() ?? []) for (const s of list) s.close();
  await cluster?.close();
});

describe(`eight desks racing for the same flat (${RACES} races)`, () => {
  const tally = new RaceTally();
  const winsByRound = new Map<string, number>();
  const undosByRound = new Map<string, number>();

  it('lets exactly one desk take the flat each time; the others are refused with UNIT_TAKEN in Chinese; no 5xx', async () => {
    tally.begin();
    for (let race = 0; race < RACES; race += 1) {
      const unitId = flatIds[race % SHARED_FLATS] as string;
      const answers: Answer[] = await Promise.all(desks.map((d) => call(d.node, d.cookie, { method: 'POST', url: `/api/rounds/${d.roundId}/selections`, payload: { householdId: d.householdId, unitId } })));
      const won = tally.record(answers, ['UNIT_TAKEN']);
      if (!won) continue;
      const winner = desks[answers.indexOf(won)] as (typeof desks)[number];
      winsByRound.set(winner.roundId, (winsByRound.get(winner.roundId) ?? 0) + 1);
      if (race === RACES - 1) break;
      // The last winner keeps its flat, so the end state holds one live selection to check.
      const chief = supervisors[race % supervisors.length] as { node: Node; cookie: string };
      const undo = await call(chief.node, chief.cookie, { method: 'POST', url: `/api/selections/${won.json<{ selectionId: string }>().selectionId}/undo`, payload: { reason: '竞争测试：撤销以便下一轮' } });
      expect(undo.statusCode, undo.body).toBe(204);
      undosByRound.set(winner.roundId, (undosByRound.get(winner.roundId) ?? 0) + 1);
    }
    tally.print(`same flat, ${cluster.kind}, ${cluster.nodes.length} process(es), ${DESKS} desks`);
    expect(tally.unexpected.slice(0, 5)).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.winners).toBe(RACES);
    expect(tally.refusals.get('UNIT_TAKEN')).toBe(RACES * (DESKS - 1));
  }, 600_000);

  it('leaves the database with one selection per win, never two live ones on a flat at once, and an intact audit chain', async () => {
    const db = cluster.deps.db;
    const roundIds = desks.map((d) => d.roundId);
    const rows = await db.selectFrom('selections').select(['unitId', 'selectedAt', 'undoneAt']).where('roundId', 'in', roundIds).orderBy('unitId').orderBy('selectedAt').execute();
    expect(rows.length).toBe(tally.winners);
    expect(rows.filter((r) => r.undoneAt === null).length).toBe(1);
    for (const [i, row] of rows.entries()) {
      const next = rows[i + 1];
      // One flat's selections follow one another: each was undone before the next was made.
      if (next?.unitId === row.unitId) expect(row.undoneAt !== null && row.undoneAt <= next.selectedAt, `${row.unitId} ${row.selectedAt}`).toBe(true);
    }
    const allocated = await db.selectFrom('units').select('id').where('id', 'in', flatIds).where('status', '=', 'allocated').execute();
    expect(allocated.length).toBe(1);
    const actions = await db.selectFrom('auditLog').select(['action', (eb) => eb.fn.countAll<number>().as('n')]).where('action', 'in', ['selection.create', 'selection.undo']).groupBy('action').execute();
    expect(Object.fromEntries(actions.map((a) => [a.action, Number(a.n)]))).toEqual({ 'selection.create': tally.winners, 'selection.undo': tally.winners - 1 });
    const chief = supervisors[0] as { node: Node; cookie: string };
    const verify = await call(chief.node, chief.cookie, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json<{ ok: boolean }>(), verify.body).toMatchObject({ ok: true });
  }, 120_000);

  it('shows every flat and turn change, whichever process made it, on the screens of every process, in one order', async () => {
    let outOfTurn = 0;
    for (const desk of desks) {
      const changes = (winsByRound.get(desk.roundId) ?? 0) + (undosByRound.get(desk.roundId) ?? 0);
      const list = screens.get(desk.roundId) ?? [];
      await Promise.all(list.map((s) => s.waitUntil((events) => events.filter((e) => e.event === 'unit').length >= changes && events.filter((e) => e.event === 'turn').length >= changes, 60_000, `${changes} unit and turn events`)));
      for (const screen of list) {
        expect(screen.of('unit').length).toBe(changes);
        expect(screen.of('turn').length).toBe(changes);
        // Taken, freed, taken, ...: a screen that showed them swapped would show a free flat as taken.
        screen.of('unit').forEach((e, i) => {
          if (e.data.status !== (i % 2 === 0 ? 'allocated' : 'available')) outOfTurn += 1;
        });
      }
      expectSameOrderEverywhere(list, ['unit', 'turn']);
    }
    console.log(`[races] same flat screens: ${cluster.nodes.length} process(es) × ${desks.length} rounds, unit events out of taken/freed order: ${outOfTurn}`);
    expect(outOfTurn).toBe(0);
  }, 120_000);
});
