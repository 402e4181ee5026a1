import { performance } from 'node:perf_hooks';
import { drawOrder, publishCommitment } from '../../src/allocation/ordering.service.js';
import { createRound } from '../../src/allocation/rounds.service.js';
import { createStaff } from '../../src/auth/auth.service.js';
import { checkIn } from '../../src/checkin/arrivals.service.js';
import { callNext } from '../../src/checkin/calling.service.js';
import { openBatch, signInDesk } from '../../src/checkin/day.service.js';
import { completeStage } from '../../src/checkin/stage.service.js';
import { demoHouseholds } from '../../src/demo/demo-data.js';
import { insertHouseholdDrafts } from '../../src/households/households.service.js';
import { exampleSettlementRules, exampleTransitionRules } from '../../src/projects/project-rules.js';
import { createProject, DEFAULT_DOCUMENT_CHECKLIST } from '../../src/projects/projects.service.js';
import { type Actor, systemActor } from '../../src/shared/roles.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const HOUSEHOLDS = 480;
const CLIENTS = 32;
const form = { stage: 'documentReview' as const, form: { presented: DEFAULT_DOCUMENT_CHECKLIST, agent: false } };

/** A project whose whole round has arrived and waits at 材料审核, with 32 reviewer desks signed in. */
async function preparedRound(t: TestApp, code: string) {
  const admin = systemActor('bench');
  const project = await createProject(t.deps, admin, {
    code,
    name: `压测项目${code}`,
    officeName: '压测',
    settlementRules: exampleSettlementRules,
    transitionRules: exampleTransitionRules,
  });
  const drafts = demoHouseholds(HOUSEHOLDS, code.charCodeAt(0)).map((d) => ({ ...d, code: `${code}-${d.code}` }));
  await t.deps.db
    .transaction()
    .execute((trx) => insertHouseholdDrafts(trx, t.deps, admin, project.id, drafts, 'bench'));
  const round = await createRound(t.deps, admin, project.id, {
    name: '压测',
    orderMethod: 'lottery',
    rules: { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: HOUSEHOLDS },
  });
  await publishCommitment(t.deps, admin, round.id);
  await drawOrder(t.deps, admin, round.id, 'bench');
  await openBatch(t.deps, admin, round.id, 1);
  for (const d of drafts) await checkIn(t.deps, admin, round.id, { by: 'code', value: d.code });
  const desks: Actor[] = [];
  for (let i = 1; i <= CLIENTS; i++) {
    const staff = await createStaff(t.deps, admin, {
      username: `${code.toLowerCase()}-desk-${i}`,
      displayName: `审核${i}`,
      password: TEST_PASSWORD,
      roles: ['reviewer'],
      allProjects: true,
    });
    const actor: Actor = { id: staff.id, name: staff.username, roles: staff.roles };
    await signInDesk(t.deps, actor, { projectId: project.id, deskNumber: `${i}`, stage: 'documentReview' });
    desks.push(actor);
  }
  return { roundId: round.id, desks };
}

async function overHttp(t: TestApp, roundId: string, desks: Actor[]): Promise<number> {
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const cookies = await Promise.all(
    desks.map(async (d) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: d.name, password: TEST_PASSWORD }),
      });
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }),
  );
  let completed = 0;
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      for (;;) {
        const call = await fetch(`${base}/api/rounds/${roundId}/calls`, { method: 'POST', headers: { cookie } });
        const next = (await call.json()) as { workflowId: string } | null;
        if (call.status !== 200) continue;
        if (!next) return;
        const res = await fetch(`${base}/api/workflows/${next.workflowId}/stages`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(form),
        });
        if (res.status !== 201) throw new Error(`stage failed: ${res.status} ${await res.text()}`);
        completed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (completed !== HOUSEHOLDS) throw new Error(`completed ${completed} of ${HOUSEHOLDS}`);
  return completed / seconds;
}

async function inProcess(t: TestApp, roundId: string, desks: Actor[]): Promise<number> {
  let completed = 0;
  const started = performance.now();
  await Promise.all(
    desks.map(async (actor) => {
      for (;;) {
        const next = await callNext(t.deps, actor, roundId).catch(() => undefined);
        if (next === undefined) continue;
        if (!next) return;
        await completeStage(t.deps, actor, next.workflowId, form);
        completed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (completed !== HOUSEHOLDS) throw new Error(`completed ${completed} of ${HOUSEHOLDS}`);
  return completed / seconds;
}

/** 材料审核 completions (call + complete) by 32 concurrent desks: over HTTP, and the same calls in-process. */
export async function benchDay(): Promise<void> {
  const t = await createTestApp();
  try {
    const viaHttp = await preparedRound(t, 'HTTP');
    const direct = await preparedRound(t, 'PROC');
    const http = await overHttp(t, viaHttp.roundId, viaHttp.desks);
    const local = await inProcess(t, direct.roundId, direct.desks);
    console.log(`day: ${HOUSEHOLDS} 材料审核 completions, ${CLIENTS} concurrent desks (${t.database.kind})`);
    console.log(`  over HTTP     ${http.toFixed(0)} completions/s`);
    console.log(`  in-process    ${local.toFixed(0)} completions/s`);
    console.log(`  HTTP / in-process = ${(http / local).toFixed(2)}`);
  } finally {
    await t.close();
  }
}
