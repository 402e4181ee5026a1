import { createStaff } from '../../../src/auth/auth.service.js';
import { type Stage, stages } from '../../../src/checkin/stages.js';
import { loadDemo } from '../../../src/demo/demo.service.js';
import { openRuntime } from '../../../src/runtime.js';
import { type Role, systemActor } from '../../../src/shared/roles.js';
import type { HouseholdFile } from '../day-driver.js';
import { projectBody } from '../fixtures.js';
import { sessionCookieOf } from '../http-client.js';
import type { CrashingServer } from './crashing-server.js';

const PASSWORD = 'crash-test-password';

export const deskAccounts: Record<Stage, { username: string; role: Role }> = {
  documentReview: { username: 'desk-review', role: 'reviewer' },
  idCheck: { username: 'desk-id', role: 'id_checker' },
  selection: { username: 'desk-selection', role: 'supervisor' },
  signing: { username: 'desk-signing', role: 'signing_clerk' },
  propertyRegistration: { username: 'desk-property', role: 'property_clerk' },
  keyHandover: { username: 'desk-keys', role: 'key_keeper' },
};

/** The demo project and every account the clients log in with, written before the server first starts. */
export async function prepareDatabase(file: string): Promise<{ projectId: string }> {
  const runtime = await openRuntime({ ANJU_SQLITE_FILE: file, ANJU_SCRYPT_LOG_N: '14' });
  try {
    const { projectId } = await loadDemo(runtime.deps, systemActor('demo'));
    const accounts = [
      ...Object.values(deskAccounts),
      { username: 'chief', role: 'supervisor' as const },
      { username: 'clerk', role: 'signing_clerk' as const },
    ];
    for (const { username, role } of accounts) {
      await createStaff(runtime.deps, systemActor('crash-test'), {
        username,
        password: PASSWORD,
        displayName: username,
        roles: [role],
        allProjects: true,
      });
    }
    return { projectId };
  } finally {
    await runtime.handle.close();
  }
}

/** A fresh session for one client; sessions live in the database, so it must outlive every kill. */
export async function login(server: CrashingServer, username: string): Promise<string> {
  const answer = await server.sendUntilAnswered('other', {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (answer.statusCode !== 200) throw new Error(`login ${username}: ${answer.statusCode} ${answer.body}`);
  return sessionCookieOf(answer);
}

export interface DayPlan {
  roundId: string;
  /** Households in selection order, with what the desks' forms need. */
  order: HouseholdFile[];
  desks: { stage: Stage; cookie: string; number: string }[];
  batchSize: number;
}

async function expectOk(server: CrashingServer, method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  const answer = await server.sendUntilAnswered('other', {
    method,
    url,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });
  if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
  return answer;
}

/** A lottery round over the demo project, drawn, with a signed-in desk per stage (before any kill). */
export async function planDay(server: CrashingServer, chief: string, projectId: string): Promise<DayPlan> {
  const batchSize = 12;
  const listing = (await expectOk(server, 'GET', `/api/projects/${projectId}/households?limit=500`, chief)).json<{
    items: { id: string; code: string; members: { idNumber: string; isHead: boolean }[] }[];
  }>();
  const files = new Map(
    listing.items.map((h) => [
      h.id,
      { id: h.id, code: h.code, headId: h.members.find((m) => m.isHead)?.idNumber ?? '', members: h.members.length },
    ]),
  );
  const rules = { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize };
  const roundId = (
    await expectOk(server, 'POST', `/api/projects/${projectId}/rounds`, chief, {
      name: '断电演练分房日',
      orderMethod: 'lottery',
      rules,
    })
  ).json<{ id: string }>().id;
  await expectOk(server, 'POST', `/api/rounds/${roundId}/commitment`, chief);
  await expectOk(server, 'POST', `/api/rounds/${roundId}/draw`, chief, { publicValue: '03 14 15 92' });
  const queue = (await expectOk(server, 'GET', `/api/rounds/${roundId}/queue`, chief)).json<{
    waiting: { householdId: string }[];
  }>();
  const order = queue.waiting.map((w) => {
    const file = files.get(w.householdId);
    if (!file) throw new Error(`queue names unknown household ${w.householdId}`);
    return file;
  });
  const desks: DayPlan['desks'] = [];
  for (const [i, stage] of stages.entries()) {
    const cookie = await login(server, deskAccounts[stage].username);
    const number = `${i + 1}号窗口`;
    await expectOk(server, 'POST', '/api/desks/sign-in', cookie, { projectId, deskNumber: number, stage });
    desks.push({ stage, cookie, number });
  }
  return { roundId, order, desks, batchSize };
}

/** A second project for imports that do not touch the day's. */
export async function createImportProject(server: CrashingServer, chief: string): Promise<string> {
  return (await expectOk(server, 'POST', '/api/projects', chief, projectBody('DRL'))).json<{ id: string }>().id;
}
