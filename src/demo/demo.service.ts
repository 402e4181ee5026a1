import { randomBytes } from 'node:crypto';
import * as authRepo from '../auth/auth.repo.js';
import { createStaff, updateStaff } from '../auth/auth.service.js';
import * as buildingsRepo from '../buildings/buildings.repo.js';
import { createBuilding, insertUnitDrafts } from '../buildings/buildings.service.js';
import type { AppDeps } from '../deps.js';
import { insertHouseholdDrafts } from '../households/households.service.js';
import { exampleSettlementRules, exampleTransitionRules } from '../projects/project-rules.js';
import { findProjectByCode } from '../projects/projects.repo.js';
import { createProject } from '../projects/projects.service.js';
import type { Actor, Role } from '../shared/roles.js';
import { demoBuilding, demoHouseholds, demoStaff, demoUnits } from './demo-data.js';

export const DEMO_PROJECT_CODE = 'FJW';

export interface DemoResult {
  projectId: string;
  projectCreated: boolean;
  staff: { username: string; role: Role; displayName: string; password: string | null }[];
}

async function ensureDemoProject(deps: AppDeps, actor: Actor): Promise<{ id: string; created: boolean }> {
  const existing = await findProjectByCode(deps.db, DEMO_PROJECT_CODE);
  if (existing) return { id: existing.id, created: false };
  const project = await createProject(deps, actor, {
    code: DEMO_PROJECT_CODE,
    name: '范家湾城中村改造项目',
    officeName: '范家湾城中村改造项目征收安置办公室',
    settlementRules: exampleSettlementRules,
    transitionRules: exampleTransitionRules,
  });
  const building = await createBuilding(deps, actor, project.id, demoBuilding);
  const entrances = await buildingsRepo.listEntrancesOfProject(deps.db, project.id);
  const entranceIds = new Map(entrances.map((e) => [e.number, e.id]));
  await deps.db.transaction().execute(async (trx) => {
    await insertUnitDrafts(trx, deps, actor, project.id, demoUnits(entranceIds, building.id));
    await insertHouseholdDrafts(trx, deps, actor, project.id, demoHouseholds(96), 'demo');
  });
  return { id: project.id, created: true };
}

/** Idempotent: a second run finds the project and the accounts and leaves them as they are. */
export async function loadDemo(
  deps: AppDeps,
  actor: Actor,
  options: { resetPasswords?: boolean } = {},
): Promise<DemoResult> {
  const project = await ensureDemoProject(deps, actor);
  const staff: DemoResult['staff'] = [];
  for (const account of demoStaff) {
    const exists = await authRepo.findStaffByUsername(deps.db, account.username);
    let password: string | null = null;
    if (!exists) {
      password = randomBytes(9).toString('base64url');
      await createStaff(deps, actor, {
        username: account.username,
        displayName: account.displayName,
        password,
        roles: [account.role],
        projectIds: [project.id],
      });
    } else if (options.resetPasswords) {
      password = randomBytes(9).toString('base64url');
      await updateStaff(deps, actor, exists.id, { password, active: true });
    }
    staff.push({ username: account.username, role: account.role, displayName: account.displayName, password });
  }
  return { projectId: project.id, projectCreated: project.created, staff };
}
