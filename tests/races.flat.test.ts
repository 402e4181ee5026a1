import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undoSelection } from '../src/checkin/undo.service.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { systemActor } from '../src/shared/roles.js';
import { auditCountsByAction } from './support/audit.js';
import type { Answer } from './support/http-client.js';
import { sized } from './support/long-run.js';
import {
  call,
  expectSameOrderEverywhere,
  type Node,
  nodeOfDesk,
  openRaceCluster,
  openScreens,
  type RaceCluster,
  RaceTally,
} from './support/races.js';
import type { Screen } from './support/sse-client.js';

// Eight desks, each serving the one household of its own round, all reaching for the same flat:
// the rounds share their flats, so nothing but the flat's row decides. A supervisor's correction,
// made from this test process (a third writer on PostgreSQL), undoes the winner's selection after
// each race and frees the flat for the next one. Groups of eight rounds race side by side: a race
// spends most of its time waiting on locks and round trips, so parallel groups keep CI time down.
const GROUPS = 10;
const RACES_PER_GROUP = sized(100, 6);
const RACES = GROUPS * RACES_PER_GROUP;
const DESKS = 8;
const FLATS_PER_GROUP = 2;

interface Desk {
  node: Node;
  cookie: string;
}
/** One track of races: eight rounds of one household each, sharing their own flats. */
interface Group {
  rounds: { roundId: string; householdId: string }[];
  flatIds: string[];
}

let cluster: RaceCluster;
let chief: Desk;
let desks: Desk[];
let groups: Group[];
let screens: Map<string, Screen[]>;
const supervisor = systemActor('race-supervisor');

async function openRound(
  projectId: string,
  name: string,
  household: { id: string; code: string },
  flatIds: string[],
): Promise<string> {
  // A round of one household never waits for a turn; any flat fits its band.
  const created = await call(chief.node, chief.cookie, {
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    payload: {
      name,
      orderMethod: 'imported',
      rules: { maxExcessCenti: 100_000, maxShortfallCenti: null, priority: null },
      households: [{ householdId: household.id }],
      unitIds: flatIds,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const roundId = created.json<{ id: string }>().id;
  const ordered = await call(chief.node, chief.cookie, {
    method: 'POST',
    url: `/api/rounds/${roundId}/order`,
    payload: { codes: [household.code] },
  });
  expect(ordered.statusCode, ordered.body).toBe(200);
  return roundId;
}

beforeAll(async () => {
  cluster = await openRaceCluster();
  const { projectId } = await loadDemo(cluster.deps, systemActor('demo'));
  const households = await cluster.deps.db
    .selectFrom('households')
    .select(['id', 'code'])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .limit(GROUPS * DESKS)
    .execute();
  const flats = await cluster.deps.db
    .selectFrom('units')
    .select('id')
    .where('projectId', '=', projectId)
    .where('status', '=', 'available')
    .orderBy('id')
    .limit(GROUPS * FLATS_PER_GROUP)
    .execute();
  expect([households.length, flats.length]).toEqual([GROUPS * DESKS, GROUPS * FLATS_PER_GROUP]);
  chief = {
    node: cluster.nodes[0] as Node,
    cookie: await cluster.staff('supervisor', 'chief', cluster.nodes[0] as Node),
  };
  desks = await Promise.all(
    Array.from({ length: DESKS }, async (_, i) => ({
      node: nodeOfDesk(cluster, i),
      cookie: await cluster.staff('signing_clerk', `desk-${i + 1}`, nodeOfDesk(cluster, i)),
    })),
  );
  groups = [];
  for (let g = 0; g < GROUPS; g += 1) {
    const flatIds = flats.slice(g * FLATS_PER_GROUP, (g + 1) * FLATS_PER_GROUP).map((f) => f.id);
    const rounds = [];
    for (const [i, household] of households.slice(g * DESKS, (g + 1) * DESKS).entries()) {
      rounds.push({
        roundId: await openRound(projectId, `抢房${g + 1}-${i + 1}`, household, flatIds),
        householdId: household.id,
      });
    }
    groups.push({ rounds, flatIds });
  }
  screens = await openScreens(
    cluster,
    groups.flatMap((g) => g.rounds.map((r) => r.roundId)),
  );
}, 180_000);

afterAll(async () => {
  for (const list of screens?.values() ?? []) for (const s of list) s.close();
  await cluster?.close();
});

describe(`eight desks racing for the same flat (${RACES} races)`, () => {
  const tally = new RaceTally();
  const winsByRound = new Map<string, number>();
  const undosByRound = new Map<string, number>();
  const bump = (counts: Map<string, number>, roundId: string) => counts.set(roundId, (counts.get(roundId) ?? 0) + 1);

  async function runGroup(group: Group): Promise<void> {
    for (let race = 0; race < RACES_PER_GROUP; race += 1) {
      const unitId = group.flatIds[race % FLATS_PER_GROUP] as string;
      const answers: Answer[] = await Promise.all(
        group.rounds.map((r, i) =>
          call((desks[i] as Desk).node, (desks[i] as Desk).cookie, {
            method: 'POST',
            url: `/api/rounds/${r.roundId}/selections`,
            payload: { householdId: r.householdId, unitId },
          }),
        ),
      );
      const won = tally.record(answers, ['UNIT_TAKEN']);
      if (!won) continue;
      const { roundId } = group.rounds[answers.indexOf(won)] as Group['rounds'][number];
      bump(winsByRound, roundId);
      // The last winner keeps its flat, so the end state holds a live selection to check.
      if (race === RACES_PER_GROUP - 1) break;
      await undoSelection(
        cluster.deps,
        supervisor,
        won.json<{ selectionId: string }>().selectionId,
        '竞争测试：撤销以便下一轮',
      );
      bump(undosByRound, roundId);
    }
  }

  it('lets exactly one desk take the flat each time; the others are refused with UNIT_TAKEN in Chinese; no 5xx', async () => {
    tally.begin();
    await Promise.all(groups.map(runGroup));
    tally.print(`same flat, ${cluster.kind}, ${cluster.nodes.length} process(es), ${GROUPS} groups × ${DESKS} desks`);
    expect(tally.unexpected.slice(0, 5)).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.winners).toBe(RACES);
    expect(tally.refusals.get('UNIT_TAKEN')).toBe(RACES * (DESKS - 1));
  }, 900_000);

  it('leaves the database with one selection per win, never two live ones on a flat at once, and an intact audit chain', async () => {
    const db = cluster.deps.db;
    const flatIds = groups.flatMap((g) => g.flatIds);
    const rows = await db
      .selectFrom('selections')
      .select(['unitId', 'selectedAt', 'undoneAt'])
      .where('unitId', 'in', flatIds)
      .orderBy('unitId')
      .orderBy('selectedAt')
      .execute();
    expect(rows.length).toBe(tally.winners);
    expect(rows.filter((r) => r.undoneAt === null).length).toBe(GROUPS);
    for (const [i, row] of rows.entries()) {
      const next = rows[i + 1];
      // One flat's selections follow one another: each was undone before the next was made.
      if (next?.unitId === row.unitId)
        expect(row.undoneAt !== null && row.undoneAt <= next.selectedAt, `${row.unitId} ${row.selectedAt}`).toBe(true);
    }
    const allocated = await db
      .selectFrom('units')
      .select('id')
      .where('id', 'in', flatIds)
      .where('status', '=', 'allocated')
      .execute();
    expect(allocated.length).toBe(GROUPS);
    expect(await auditCountsByAction(db, 'selection.create', 'selection.undo')).toEqual({
      'selection.create': tally.winners,
      'selection.undo': tally.winners - GROUPS,
    });
    const verify = await call(chief.node, chief.cookie, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json<{ ok: boolean }>(), verify.body).toMatchObject({ ok: true });
  }, 120_000);

  it('shows every flat and turn change, whichever process made it, on the screens of every process, in one order', async () => {
    let outOfTurn = 0;
    let delivered = 0;
    for (const [roundId, list] of screens) {
      const changes = (winsByRound.get(roundId) ?? 0) + (undosByRound.get(roundId) ?? 0);
      const enough = (events: readonly { event: string }[]) =>
        events.filter((e) => e.event === 'unit').length >= changes &&
        events.filter((e) => e.event === 'turn').length >= changes;
      await Promise.all(list.map((s) => s.waitUntil(enough, 60_000, `${changes} unit and turn events`)));
      for (const screen of list) {
        expect(screen.of('unit').length).toBe(changes);
        expect(screen.of('turn').length).toBe(changes);
        delivered += 2 * changes;
        // Taken, freed, taken, ...: a screen that showed them swapped would show a free flat as taken.
        screen.of('unit').forEach((e, i) => {
          if (e.data.status !== (i % 2 === 0 ? 'allocated' : 'available')) outOfTurn += 1;
        });
      }
      expectSameOrderEverywhere(list, ['unit', 'turn']);
    }
    console.log(
      `[races] same flat screens: ${cluster.nodes.length} process(es) × ${screens.size} rounds, ${delivered} unit/turn events delivered, out of taken/freed order: ${outOfTurn}`,
    );
    expect(outOfTurn).toBe(0);
  }, 120_000);
});
