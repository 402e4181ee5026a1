import { randomUUID } from 'node:crypto';
import { roundHouseholdsWithFacts } from '../allocation/rounds.repo.js';
import { requireRound } from '../allocation/rounds.service.js';
import { liveSelectionsOfRound } from '../allocation/selections.repo.js';
import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { DeskSessionRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { requireProject } from '../projects/projects.service.js';
import { type Actor, hasAnyRole, servesProject } from '../shared/roles.js';
import * as repo from './checkin.repo.js';
import { type DayEntry, dayEntry } from './day-state.js';
import { type Stage, stageTable } from './stages.js';

/** Everything the day's decisions read about a round, in one consistent load. */
export async function loadDay(db: DbExecutor, roundId: string) {
  const round = await requireRound(db, roundId);
  const [workflows, batches, selections, households] = await Promise.all([
    repo.workflowsOfRound(db, roundId),
    repo.openBatches(db, roundId),
    liveSelectionsOfRound(db, roundId),
    roundHouseholdsWithFacts(db, roundId),
  ]);
  const records = await repo.liveRecordsOf(
    db,
    workflows.map((w) => w.id),
  );
  const withFlat = new Set(selections.map((s) => s.householdId));
  const forfeited = new Set(households.filter((h) => h.status === 'forfeited').map((h) => h.householdId));
  const recordsOf = new Map<string, typeof records>();
  for (const r of records) {
    const list = recordsOf.get(r.workflowId);
    if (list) list.push(r);
    else recordsOf.set(r.workflowId, [r]);
  }
  const entries: DayEntry[] = workflows.map((w) =>
    dayEntry(w, recordsOf.get(w.id) ?? [], withFlat.has(w.householdId), forfeited.has(w.householdId)),
  );
  return {
    round,
    workflows,
    records,
    entries,
    households,
    forfeited,
    openBatches: new Set(batches.map((b) => b.number)),
    batches,
  };
}

export type Day = Awaited<ReturnType<typeof loadDay>>;

/** Staff sign in to a desk: its number and the one stage their role allows. */
export async function signInDesk(
  deps: AppDeps,
  actor: Actor,
  input: { projectId: string; deskNumber: string; stage: Stage },
): Promise<DeskSessionRow> {
  if (!hasAnyRole(actor, [stageTable[input.stage].role, 'supervisor'])) {
    throw new AppError('FORBIDDEN', `当前账号不能办理“${stageTable[input.stage].label}”`, { field: 'stage' });
  }
  if (!servesProject(actor, input.projectId))
    throw new AppError('FORBIDDEN', '当前账号未分配到该项目，不能登录该项目的窗口', { field: 'projectId' });
  const now = deps.clock.now().toISOString();
  const row: DeskSessionRow = {
    id: randomUUID(),
    projectId: input.projectId,
    staffId: actor.id ?? '',
    deskNumber: input.deskNumber,
    stage: input.stage,
    startedAt: now,
    endedAt: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    // A desk of a project that does not exist would fail the foreign key as a server error.
    await requireProject(trx, input.projectId);
    await repo.endDeskSessions(trx, row.staffId, now);
    await repo.insertDeskSession(trx, row);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'desk.sign_in', entityType: 'staff', entityId: row.staffId, projectId: input.projectId, after: row },
    ]);
  });
  return row;
}

/** The desk this person is signed in to, for a round of `projectId`: a desk of one project never works another's. */
export async function requireDesk(
  db: DbExecutor,
  actor: Actor,
  projectId: string,
  stage?: Stage,
): Promise<DeskSessionRow> {
  const desk = await repo.activeDesk(db, actor.id ?? '');
  if (!desk) throw new AppError('CONFLICT', '请先登录窗口（选择窗口号与办理事项）', { field: 'desk' });
  if (desk.projectId !== projectId)
    throw new AppError('CONFLICT', '本窗口登录的是另一个项目，请重新登录本项目的窗口', { field: 'desk' });
  if (stage && desk.stage !== stage) {
    throw new AppError(
      'CONFLICT',
      `本窗口办理“${stageTable[desk.stage as Stage]?.label ?? desk.stage}”，不能办理“${stageTable[stage].label}”`,
      { field: 'stage' },
    );
  }
  return desk;
}

export function currentDesk(deps: AppDeps, actor: Actor) {
  return repo.activeDesk(deps.db, actor.id ?? '');
}

export async function openBatch(deps: AppDeps, actor: Actor, roundId: string, number: number) {
  await deps.db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, roundId);
    if (round.status !== 'ordered') throw new AppError('CONFLICT', '本轮尚未确定选房顺序', { field: 'roundId' });
    const households = await roundHouseholdsWithFacts(trx, roundId);
    if (!households.some((h) => h.batch === number))
      throw new AppError('BAD_REQUEST', `没有第 ${number} 批`, { field: 'number' });
    if ((await repo.openBatches(trx, roundId)).some((b) => b.number === number)) return;
    await repo.insertBatch(trx, { roundId, number, openedAt: deps.clock.now().toISOString(), openedBy: actor.name });
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'day.batch_open',
        entityType: 'round',
        entityId: roundId,
        projectId: round.projectId,
        after: { batch: number },
      },
    ]);
  });
  return repo.openBatches(deps.db, roundId);
}
