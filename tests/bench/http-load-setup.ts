import { drawOrder, publishCommitment } from '../../src/allocation/ordering.service.js';
import { createRound } from '../../src/allocation/rounds.service.js';
import { createStaff } from '../../src/auth/auth.service.js';
import { listEntrancesOfProject } from '../../src/buildings/buildings.repo.js';
import { createBuilding, insertUnitDrafts } from '../../src/buildings/buildings.service.js';
import { checkIn } from '../../src/checkin/arrivals.service.js';
import { openBatch } from '../../src/checkin/day.service.js';
import type { Stage } from '../../src/checkin/stages.js';
import { demoBuilding, demoHouseholds, demoUnits } from '../../src/demo/demo-data.js';
import { insertHouseholdDrafts } from '../../src/households/households.service.js';
import { exampleSettlementRules, exampleTransitionRules } from '../../src/projects/project-rules.js';
import { createProject } from '../../src/projects/projects.service.js';
import { openRuntime } from '../../src/runtime.js';
import { systemActor } from '../../src/shared/roles.js';
import { deskRoles } from '../support/day-driver.js';
import { TEST_PASSWORD } from '../support/test-app.js';

/** Two buildings like the demo's 7#楼, one round each: 96 households and 96 flats per round. */
export const BUILDINGS = ['7#楼', '8#楼'] as const;
const HOUSEHOLDS_PER_ROUND = 96;

/** Ten desks per round, twenty in the hall; 选房 is one desk per round because turns are strict. */
const DESKS_PER_ROUND: [Stage, number][] = [
  ['documentReview', 2],
  ['idCheck', 2],
  ['selection', 1],
  ['signing', 2],
  ['propertyRegistration', 2],
  ['keyHandover', 1],
];

export interface DeskAccount {
  username: string;
  stage: Stage;
  roundId: string;
  deskNumber: string;
}

export interface LoadDay {
  projectId: string;
  rounds: { id: string; name: string; households: number }[];
  desks: DeskAccount[];
  /** A supervisor with no desk, to list agreements after the day. */
  supervisor: string;
  password: string;
}

/**
 * Builds the day in-process on the server's database before the server starts: project, two
 * buildings, 192 households, two drawn rounds with batch 1 open and every household signed in.
 */
export async function prepareLoadDay(env: Record<string, string>): Promise<LoadDay> {
  const runtime = await openRuntime({ ...env, ANJU_SCRYPT_LOG_N: '14' });
  const deps = runtime.deps;
  const admin = systemActor('bench');
  try {
    const project = await createProject(deps, admin, {
      code: 'LOAD',
      name: '压测安置项目',
      officeName: '压测安置办公室',
      settlementRules: exampleSettlementRules,
      transitionRules: exampleTransitionRules,
    });
    const drafts = demoHouseholds(HOUSEHOLDS_PER_ROUND * BUILDINGS.length);
    await deps.db.transaction().execute((trx) => insertHouseholdDrafts(trx, deps, admin, project.id, drafts, 'bench'));
    const households = await deps.db
      .selectFrom('households')
      .select(['id', 'code'])
      .where('projectId', '=', project.id)
      .orderBy('code')
      .execute();

    const rounds: LoadDay['rounds'] = [];
    const desks: DeskAccount[] = [];
    for (const [index, name] of BUILDINGS.entries()) {
      const building = await createBuilding(deps, admin, project.id, { ...demoBuilding, name });
      const entrances = (await listEntrancesOfProject(deps.db, project.id)).filter((e) => e.buildingId === building.id);
      const units = demoUnits(new Map(entrances.map((e) => [e.number, e.id])), building.id);
      await deps.db.transaction().execute((trx) => insertUnitDrafts(trx, deps, admin, project.id, units));
      const unitIds = (
        await deps.db.selectFrom('units').select('id').where('buildingId', '=', building.id).execute()
      ).map((u) => u.id);
      const members = households.slice(index * HOUSEHOLDS_PER_ROUND, (index + 1) * HOUSEHOLDS_PER_ROUND);
      const round = await createRound(deps, admin, project.id, {
        name: `${name}分房日`,
        orderMethod: 'lottery',
        rules: { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: HOUSEHOLDS_PER_ROUND },
        households: members.map((h) => ({ householdId: h.id, flatsAllowed: 1 })),
        unitIds,
      });
      await publishCommitment(deps, admin, round.id);
      await drawOrder(deps, admin, round.id, `bench ${name}`);
      await openBatch(deps, admin, round.id, 1);
      for (const h of members) await checkIn(deps, admin, round.id, { by: 'code', value: h.code });
      rounds.push({ id: round.id, name: round.name, households: members.length });

      for (const [stage, count] of DESKS_PER_ROUND) {
        for (let n = 1; n <= count; n++) {
          const username = `load-${index + 1}-${stage}-${n}`;
          await createStaff(deps, admin, {
            username,
            displayName: username,
            password: TEST_PASSWORD,
            roles: [deskRoles[stage]],
          });
          desks.push({ username, stage, roundId: round.id, deskNumber: `${name}${(desks.length % 10) + 1}号窗口` });
        }
      }
    }
    await createStaff(deps, admin, {
      username: 'load-chief',
      displayName: '压测总负责',
      password: TEST_PASSWORD,
      roles: ['supervisor'],
      allProjects: true,
    });
    return { projectId: project.id, rounds, desks, supervisor: 'load-chief', password: TEST_PASSWORD };
  } finally {
    await runtime.handle.close();
  }
}
