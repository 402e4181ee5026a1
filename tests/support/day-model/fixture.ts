import { listEntrancesOfProject } from '../../../src/buildings/buildings.repo.js';
import { createBuilding, insertUnitDrafts } from '../../../src/buildings/buildings.service.js';
import type { Stage } from '../../../src/checkin/stages.js';
import { demoHouseholds } from '../../../src/demo/demo-data.js';
import { insertHouseholdDrafts } from '../../../src/households/households.service.js';
import { exampleSettlementRules, exampleTransitionRules } from '../../../src/projects/project-rules.js';
import { createProject } from '../../../src/projects/projects.service.js';
import { systemActor } from '../../../src/shared/roles.js';
import type { TestApp } from '../test-app.js';
import { expectAnswer, get, post, type Staff, type World } from './context.js';
import type { Desk, HouseholdModel } from './model.js';

export const CHECKLIST = ['户口簿', '居民身份证', '征收补偿协议'];

export async function createStaff(t: TestApp): Promise<Staff> {
  return {
    supervisor: await t.loginAs('supervisor', 'dm-chief'),
    reviewers: [await t.loginAs('reviewer', 'dm-review-1'), await t.loginAs('reviewer', 'dm-review-2')],
    idChecker: await t.loginAs('id_checker', 'dm-id'),
    selectionClerks: [await t.loginAs('signing_clerk', 'dm-choose-1'), await t.loginAs('signing_clerk', 'dm-choose-2')],
    signingClerk: await t.loginAs('signing_clerk', 'dm-sign'),
    propertyClerk: await t.loginAs('property_clerk', 'dm-property'),
    keyKeeper: await t.loginAs('key_keeper', 'dm-keys'),
  };
}

/** Two 材料审核 and two 选房 desks, one of each other stage: desks of one stage compete for households. */
function desksOf(staff: Staff): Desk[] {
  const desk = (stage: Stage, number: string, cookie: string | undefined): Desk => ({
    stage,
    number,
    cookie: cookie ?? '',
  });
  return [
    desk('documentReview', 'R1', staff.reviewers[0]),
    desk('documentReview', 'R2', staff.reviewers[1]),
    desk('idCheck', 'I1', staff.idChecker),
    desk('selection', 'X1', staff.selectionClerks[0]),
    desk('selection', 'X2', staff.selectionClerks[1]),
    desk('signing', 'S1', staff.signingClerk),
    desk('propertyRegistration', 'P1', staff.propertyClerk),
    desk('keyHandover', 'K1', staff.keyKeeper),
  ];
}

// Entrance 1: 118.36 and 89.52 m², entrance 2: 112.74 and 95.18 m², floors 1–2: eight flats.
const FLATS: [number, number, number][] = [
  [1, 1, 11_836],
  [1, 2, 8_952],
  [2, 1, 11_274],
  [2, 2, 9_518],
];

/**
 * A fresh project, building, 8 flats, 6 households and a round (batchSize 3: two batches) ordered
 * by signing time, set up through the services (cheap) and HTTP (the round); the first k
 * households may be given their flat before the day; batch 1 is opened and the desks signed in.
 */
export async function setupSequence(
  world: Omit<World, 'roundId' | 'model'>,
  index: number,
  fixed: { preassigned?: number; priority?: boolean; arrived?: boolean } = {},
): Promise<Pick<World, 'roundId' | 'model'>> {
  const { t, staff, rng } = world;

  const actor = systemActor('day-model');
  const project = await createProject(t.deps, actor, {
    code: `DM${index.toString(36).toUpperCase()}`,
    name: '模型测试项目',
    officeName: '模型测试安置办公室',
    settlementRules: exampleSettlementRules,
    transitionRules: exampleTransitionRules,
    documentChecklist: CHECKLIST,
  });
  const building = await createBuilding(t.deps, actor, project.id, {
    zone: '安置A区',
    name: '1#楼',
    floorsAbove: 2,
    floorsBelow: 0,
    totalAreaCenti: 82_000,
    entrances: 2,
  });
  const entrances = new Map((await listEntrancesOfProject(t.deps.db, project.id)).map((e) => [e.number, e.id]));
  const drafts = demoHouseholds(6, 1 + rng.int(1_000_000)).map((h, i) => ({
    ...h,
    compensationSignedAt: `2019-06-0${i + 1}T01:00:00.000Z`,
  }));
  await t.deps.db.transaction().execute(async (trx) => {
    const units = [1, 2].flatMap((floor) =>
      FLATS.map(([entrance, slot, area]) => ({
        buildingId: building.id,
        entranceId: entrances.get(entrance) ?? '',
        floor,
        room: `${floor}0${slot}`,
        layout: '两室两厅',
        buildingAreaCenti: area,
      })),
    );
    await insertUnitDrafts(trx, t.deps, actor, project.id, units);
    await insertHouseholdDrafts(trx, t.deps, actor, project.id, drafts, 'day-model');
  });
  // Some sequences reserve floor 1 for elderly households, so 选房 options differ by household.
  const rules = {
    maxExcessCenti: 2500,
    maxShortfallCenti: null,
    priority: (fixed.priority ?? rng.chance(0.4)) ? { floorsAtMost: 1, flags: ['elderly'] } : null,
    batchSize: 3,
  };
  const created = await post(world as World, `/api/projects/${project.id}/rounds`, staff.supervisor, {
    name: '模型分房日',
    orderMethod: 'signing_time',
    rules,
  });
  expectAnswer(world as World, 'create round', created, 201);
  const roundId = created.json<{ id: string }>().id;
  expectAnswer(
    world as World,
    'order round',
    await post(world as World, `/api/rounds/${roundId}/order`, staff.supervisor, {}),
    200,
  );
  const rows = await t.deps.db
    .selectFrom('roundHouseholds')
    .innerJoin('households', 'households.id', 'roundHouseholds.householdId')
    .select(['households.id', 'households.code', 'roundHouseholds.selectionOrder', 'roundHouseholds.batch'])
    .where('roundId', '=', roundId)
    .orderBy('selectionOrder')
    .execute();
  const households: HouseholdModel[] = rows.map((r) => {
    const draft = drafts.find((d) => d.code === r.code);
    return {
      id: r.id,
      code: r.code,
      headId: draft?.members.find((m) => m.isHead)?.idNumber ?? '',
      members: draft?.members.length ?? 1,
      position: r.selectionOrder ?? 0,
      batch: r.batch ?? 0,
      workflowId: null,
      away: null,
      called: null,
      completed: new Set(),
      flat: null,
      agreement: null,
      keysHanded: null,
      keysBack: false,
      forfeited: null,
    };
  });
  const model = { households, openBatches: new Set<number>(), desks: desksOf(staff), voided: [] };
  const full = { ...world, roundId, model } as World;
  // Before the desks open the line is the round's order: the first k choose in turn (flats held before the day).
  const preassigned = fixed.preassigned ?? rng.pick([0, 0, 1, 2]) ?? 0;
  for (const h of households.slice(0, preassigned)) {
    const options = (await get(full, `/api/rounds/${roundId}/households/${h.id}/options`, staff.supervisor)).json<
      { unitId: string; allowed: boolean }[]
    >();
    const unit = rng.pick(options.filter((o) => o.allowed));
    if (!unit) continue;
    const res = await post(full, `/api/rounds/${roundId}/selections`, staff.supervisor, {
      householdId: h.id,
      unitId: unit.unitId,
    });
    expectAnswer(full, `pre-assign #${h.position}`, res, 201);
    h.flat = { unitId: unit.unitId, selectionId: res.json<{ selectionId: string }>().selectionId, viaDesk: false };
  }
  for (const desk of model.desks) {
    expectAnswer(
      full,
      `desk ${desk.number}`,
      await post(full, '/api/desks/sign-in', desk.cookie, {
        projectId: project.id,
        deskNumber: desk.number,
        stage: desk.stage,
      }),
      200,
    );
  }
  expectAnswer(
    full,
    'open batch 1',
    await post(full, `/api/rounds/${roundId}/batches`, staff.supervisor, { number: 1 }),
    200,
  );
  model.openBatches.add(1);
  // Most of batch 1 is at the door when the desks open: the random steps start nearer the later desks.
  for (const h of households.filter((x) => fixed.arrived !== false && x.batch === 1 && rng.chance(0.6))) {
    const res = await post(full, `/api/rounds/${roundId}/arrivals`, staff.supervisor, { by: 'code', value: h.code });
    expectAnswer(full, `arrive #${h.position}`, res, 200);
    h.workflowId = res.json<{ workflowId: string }>().workflowId;
  }
  return { roundId, model };
}
