import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reopenStage } from '../src/checkin/corrections.service.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { requireProject, toProjectView } from '../src/projects/projects.service.js';
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

// Eight reviewers signed in at the same desk number all send the completion of the household
// that desk called, at once. Each group is one round served by its own eight desks; the groups
// run side by side (a race mostly waits on locks and round trips, so this keeps CI time down). Once every household of a group is through, a supervisor's correction (made
// from this test process) reopens their reviews, which voids the records and lets the next cycle
// race for new ones.
const GROUPS = 8;
const RACES_PER_GROUP = sized(125, 8);
const DESKS = 8;
const HOUSEHOLDS_PER_GROUP = 6;
/** No key, one key shared by all eight (a retried request), a key of each desk's own. */
const KEY_MODES = ['none', 'shared', 'own'] as const;
type KeyMode = (typeof KEY_MODES)[number];

interface Desk {
  node: Node;
  cookie: string;
}
interface Group {
  roundId: string;
  desks: Desk[];
}

let cluster: RaceCluster;
let chief: Desk;
let groups: Group[];
let checklist: string[];
let screens: Map<string, Screen[]>;
const supervisor = systemActor('race-supervisor');

async function setUpGroup(projectId: string, g: number, households: { id: string; code: string }[]): Promise<Group> {
  const created = await call(chief.node, chief.cookie, {
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    payload: {
      name: `窗口竞争${g + 1}`,
      orderMethod: 'imported',
      rules: { maxExcessCenti: 100_000, maxShortfallCenti: null, priority: null, batchSize: HOUSEHOLDS_PER_GROUP },
      households: households.map((h) => ({ householdId: h.id })),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const roundId = created.json<{ id: string }>().id;
  const codes = households.map((h) => h.code);
  for (const [url, payload] of [
    [`/api/rounds/${roundId}/order`, { codes }],
    [`/api/rounds/${roundId}/batches`, { number: 1 }],
  ] as const) {
    const res = await call(chief.node, chief.cookie, { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(200);
  }
  const desks: Desk[] = await Promise.all(
    Array.from({ length: DESKS }, async (_, i) => {
      const node = nodeOfDesk(cluster, i);
      const cookie = await cluster.staff('reviewer', `review-${g + 1}-${i + 1}`, node);
      const signIn = await call(node, cookie, {
        method: 'POST',
        url: '/api/desks/sign-in',
        payload: { projectId, deskNumber: `审核${g + 1}号窗口`, stage: 'documentReview' },
      });
      expect(signIn.statusCode, signIn.body).toBe(200);
      return { node, cookie };
    }),
  );
  for (const code of codes) {
    const arrived = await call(desks[0]?.node as Node, desks[0]?.cookie ?? '', {
      method: 'POST',
      url: `/api/rounds/${roundId}/arrivals`,
      payload: { by: 'code', value: code },
    });
    expect(arrived.statusCode, arrived.body).toBe(200);
  }
  return { roundId, desks };
}

beforeAll(async () => {
  cluster = await openRaceCluster();
  const { projectId } = await loadDemo(cluster.deps, systemActor('demo'));
  checklist = toProjectView(await requireProject(cluster.deps.db, projectId)).documentChecklist;
  const households = await cluster.deps.db
    .selectFrom('households')
    .select(['id', 'code'])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .limit(GROUPS * HOUSEHOLDS_PER_GROUP)
    .execute();
  expect(households.length).toBe(GROUPS * HOUSEHOLDS_PER_GROUP);
  chief = {
    node: cluster.nodes[0] as Node,
    cookie: await cluster.staff('supervisor', 'chief', cluster.nodes[0] as Node),
  };
  groups = [];
  for (let g = 0; g < GROUPS; g += 1) {
    groups.push(
      await setUpGroup(projectId, g, households.slice(g * HOUSEHOLDS_PER_GROUP, (g + 1) * HOUSEHOLDS_PER_GROUP)),
    );
  }
  screens = await openScreens(
    cluster,
    groups.map((g) => g.roundId),
  );
}, 180_000);

afterAll(async () => {
  for (const list of screens?.values() ?? []) for (const s of list) s.close();
  await cluster?.close();
});

const keyHeaders = (mode: KeyMode, race: string, desk: number): Record<string, string> =>
  mode === 'none' ? {} : { 'idempotency-key': mode === 'shared' ? `race-${race}` : `race-${race}-desk-${desk}` };

describe(`eight desks completing the same household's stage at once (${GROUPS * RACES_PER_GROUP} races)`, () => {
  const tally = new RaceTally();
  const byMode = new Map<KeyMode, { repeated: number; refused: number }>(
    KEY_MODES.map((m) => [m, { repeated: 0, refused: 0 }]),
  );
  let calls = 0;
  let reopens = 0;

  async function race(group: Group, g: number, r: number): Promise<string> {
    const caller = group.desks[r % DESKS] as Desk;
    const called = await call(caller.node, caller.cookie, {
      method: 'POST',
      url: `/api/rounds/${group.roundId}/calls`,
    });
    expect(called.statusCode, called.body).toBe(200);
    calls += 1;
    const workflowId = called.json<{ workflowId: string }>().workflowId;
    const mode = KEY_MODES[r % KEY_MODES.length] as KeyMode;
    const payload = { stage: 'documentReview', form: { presented: checklist } };
    const answers: Answer[] = await Promise.all(
      group.desks.map((d, i) =>
        call(d.node, d.cookie, {
          method: 'POST',
          url: `/api/workflows/${workflowId}/stages`,
          headers: keyHeaders(mode, `${g}-${r}`, i),
          payload,
        }),
      ),
    );
    // Every losing desk, with or without a key, is answered with the winner's record: no 409 at all.
    const won = tally.record(answers, []);
    const recordId = won?.json<{ recordId: string }>().recordId;
    for (const a of answers.filter((x) => x.statusCode === 200))
      expect(a.json(), a.body).toMatchObject({ repeated: true, recordId });
    const counts = byMode.get(mode) as { repeated: number; refused: number };
    counts.repeated += answers.filter((a) => a.statusCode === 200).length;
    counts.refused += answers.filter((a) => a.statusCode === 409).length;
    return workflowId;
  }

  async function runGroup(group: Group, g: number): Promise<void> {
    let served: string[] = [];
    for (let r = 0; r < RACES_PER_GROUP; r += 1) {
      if (served.length === HOUSEHOLDS_PER_GROUP) {
        for (const id of served)
          await reopenStage(cluster.deps, supervisor, id, 'documentReview', '竞争测试：重开以便下一轮');
        reopens += served.length;
        served = [];
      }
      served.push(await race(group, g, r));
    }
  }

  it('creates exactly one record per race; every other desk gets the first result; no 5xx', async () => {
    tally.begin();
    await Promise.all(groups.map((group, g) => runGroup(group, g)));
    const modes = Object.fromEntries(
      [...byMode].map(([m, c]) => [`key ${m}`, `${c.repeated} repeated/${c.refused} refused`]),
    );
    tally.print(
      `same household's stage, ${cluster.kind}, ${cluster.nodes.length} process(es), ${GROUPS} groups × ${DESKS} desks`,
      { calls, reopens, ...modes },
    );
    expect(tally.unexpected.slice(0, 5)).toEqual([]);
    expect(tally.serverErrors).toBe(0);
    expect(tally.winners).toBe(GROUPS * RACES_PER_GROUP);
  }, 900_000);

  it('leaves at most one live record per household and stage, one record and one audit row per win, and an intact audit chain', async () => {
    const db = cluster.deps.db;
    const roundIds = groups.map((g) => g.roundId);
    const records = await db
      .selectFrom('stageRecords')
      .innerJoin('workflows', 'workflows.id', 'stageRecords.workflowId')
      .select(['stageRecords.workflowId', 'stageRecords.outcome', 'stageRecords.voidedAt'])
      .where('workflows.roundId', 'in', roundIds)
      .where('stageRecords.stage', '=', 'documentReview')
      .execute();
    expect(records.length).toBe(tally.winners);
    expect(records.every((r) => r.outcome === 'completed')).toBe(true);
    const live = records.filter((r) => r.voidedAt === null).map((r) => r.workflowId);
    expect(new Set(live).size).toBe(live.length);
    expect(live.length).toBe(tally.winners - reopens);
    expect(await auditCountsByAction(db, 'stage.complete', 'stage.reopen', 'day.call')).toEqual({
      'stage.complete': tally.winners,
      'stage.reopen': reopens,
      'day.call': calls,
    });
    const verify = await call(chief.node, chief.cookie, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json<{ ok: boolean }>(), verify.body).toMatchObject({ ok: true });
  }, 120_000);

  it('shows every call and every completion, whichever process made it, on the screens of every process, in one order', async () => {
    for (const group of groups) {
      const list = screens.get(group.roundId) ?? [];
      const expected = RACES_PER_GROUP;
      await Promise.all(
        list.map((s) =>
          s.waitUntil(
            (events) =>
              events.filter((e) => e.event === 'call').length >= expected &&
              events.filter((e) => e.event === 'progress').length >= expected,
            60_000,
            `${expected} call and progress events`,
          ),
        ),
      );
      for (const screen of list) {
        expect(screen.of('call').length).toBe(expected);
        expect(
          screen.of('progress').every((e) => e.data.stage === 'documentReview' && e.data.outcome === 'completed'),
        ).toBe(true);
        expect(screen.of('progress').length).toBe(expected);
      }
      expectSameOrderEverywhere(list, ['call', 'progress']);
    }
  }, 120_000);
});
