import type { Stage } from '../../../src/checkin/stages.js';
import { type AuditCursor, auditSince } from './audit-check.js';
import { bump, fail, get, residentAddress, type World } from './context.js';
import { describe, expectedCall, nextStageOf, STAGES } from './model.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The app's rows for the round, read directly: the oracles may look at the database. */
async function readRound(w: World) {
  const db = w.t.deps.db;
  const [workflows, records, selections, units, agreements, members] = await Promise.all([
    db.selectFrom('workflows').selectAll().where('roundId', '=', w.roundId).execute(),
    db
      .selectFrom('stageRecords')
      .innerJoin('workflows', 'workflows.id', 'stageRecords.workflowId')
      .select(['stageRecords.householdId', 'stageRecords.stage', 'stageRecords.data'])
      .where('workflows.roundId', '=', w.roundId)
      .where('stageRecords.voidedAt', 'is', null)
      .where('stageRecords.outcome', '=', 'completed')
      .execute(),
    db
      .selectFrom('selections')
      .select(['id', 'householdId', 'unitId'])
      .where('roundId', '=', w.roundId)
      .where('undoneAt', 'is', null)
      .execute(),
    db
      .selectFrom('roundUnits')
      .innerJoin('units', 'units.id', 'roundUnits.unitId')
      .select(['units.id', 'units.status'])
      .where('roundUnits.roundId', '=', w.roundId)
      .execute(),
    db
      .selectFrom('agreements')
      .select(['number', 'householdId', 'status', 'voidedAt'])
      .where('roundId', '=', w.roundId)
      .execute(),
    db.selectFrom('roundHouseholds').select(['householdId', 'status']).where('roundId', '=', w.roundId).execute(),
  ]);
  return { workflows, records, selections, units, agreements, members };
}

/** The app's state of each household equals the model's: sign-in, away, desk, stages done, flat, agreement, 放弃. */
function compareHouseholds(w: World, rows: Awaited<ReturnType<typeof readRound>>): void {
  for (const h of w.model.households) {
    const wf = rows.workflows.find((r) => r.householdId === h.id);
    const done = STAGES.filter((s) => rows.records.some((r) => r.householdId === h.id && r.stage === s));
    const flat = rows.selections.filter((s) => s.householdId === h.id).map((s) => [s.id, s.unitId]);
    const agreement = rows.agreements
      .filter((a) => a.householdId === h.id && a.status !== 'voided')
      .map((a) => a.number);
    const status = rows.members.find((m) => m.householdId === h.id)?.status;
    const app = {
      signedIn: wf !== undefined,
      away: wf?.absent === 1 ? wf.awayReason : null,
      called: wf?.calledStage ? `${wf.calledStage}@${wf.calledDesk ?? ''}` : null,
      nextStage: wf ? wf.nextStage : null,
      done,
      flat,
      agreement,
      status,
    };
    const model = {
      signedIn: h.workflowId !== null,
      away: h.away,
      called: h.called ? `${h.called.stage}@${h.called.desk}` : null,
      nextStage: nextStageOf(h),
      done: STAGES.filter((s) => h.completed.has(s)),
      flat: h.flat ? [[h.flat.selectionId, h.flat.unitId]] : [],
      agreement: h.agreement ? [h.agreement] : [],
      status: h.forfeited ? 'forfeited' : h.flat ? 'done' : 'waiting',
    };
    if (!same(app, model))
      fail(w, `#${h.position} ${h.code}: app ${JSON.stringify(app)}\n  model ${JSON.stringify(model)}`);
  }
}

/** Invariants 2–4 on the rows themselves, whatever the model says. */
function checkRows(w: World, rows: Awaited<ReturnType<typeof readRound>>): void {
  for (const unit of rows.units) {
    const holders = rows.selections.filter((s) => s.unitId === unit.id).length;
    if ((unit.status === 'allocated') !== (holders === 1) || holders > 1)
      fail(w, `(2) flat ${unit.id} is ${unit.status} with ${holders} live selections`);
  }
  for (const a of rows.agreements) {
    if (a.status === 'voided') {
      if (!a.voidedAt) fail(w, `(3) agreement ${a.number} voided without a time`);
      continue;
    }
    const signing = rows.records.find((r) => r.householdId === a.householdId && r.stage === 'signing');
    const printed = signing ? (JSON.parse(signing.data) as { agreementNumber?: string; unitIds?: string[] }) : null;
    if (!printed || printed.agreementNumber !== a.number)
      fail(w, `(3) live agreement ${a.number} has no live 协议签订 record printing it`);
    for (const unitId of printed.unitIds ?? []) {
      if (!rows.selections.some((s) => s.householdId === a.householdId && s.unitId === unitId))
        fail(w, `(3) live agreement ${a.number} prints flat ${unitId}, which the household no longer holds`);
    }
  }
  for (const h of w.model.households) {
    const done = new Set(rows.records.filter((r) => r.householdId === h.id).map((r) => r.stage as Stage));
    const heldBeforeDay = rows.selections.some((s) => s.householdId === h.id) && !done.has('selection');
    const skippable = (s: Stage) => s === 'selection' && heldBeforeDay;
    const broken = STAGES.find((s, i) => done.has(s) && STAGES.slice(0, i).some((e) => !done.has(e) && !skippable(e)));
    if (broken) fail(w, `(4) #${h.position}: ${broken} done while an earlier stage is not: [${[...done].join(',')}]`);
  }
}

/** Invariant 1 read-only: the 选房 line and every desk's queue name the household the model says is first ready. */
async function checkQueues(w: World): Promise<void> {
  const queue = await get(w, `/api/rounds/${w.roundId}/queue`, w.staff.supervisor);
  const next = queue.json<{ next: { householdId: string } | null }>().next?.householdId ?? null;
  const expected = expectedCall(w.model, 'selection');
  if (next !== (expected?.id ?? null))
    fail(
      w,
      `(1) 选房 line names ${next ?? 'nobody'} next; the model expects ${expected ? describe(expected) : 'nobody'}`,
    );
  const progress = (await get(w, `/api/rounds/${w.roundId}/progress`, w.staff.supervisor)).json<{
    queues: { stage: Stage; next: { householdId: string } | null }[];
  }>();
  for (const q of progress.queues) {
    const want = expectedCall(w.model, q.stage);
    if ((q.next?.householdId ?? null) !== (want?.id ?? null))
      fail(
        w,
        `(1) progress: ${q.stage} next is ${q.next?.householdId ?? 'nobody'}; the model expects ${want ? describe(want) : 'nobody'}`,
      );
  }
}

/** Voided agreements say so on the public verify page (JSON and HTML), each checked once. */
async function checkVoided(w: World, checked: Set<string>): Promise<void> {
  for (const number of w.model.voided.filter((n) => !checked.has(n))) {
    const phone = residentAddress();
    const json = await get(w, `/public/verify/${encodeURIComponent(number)}/json`, '', phone);
    const info = json.json<{ status?: string; voidedAt?: string | null }>();
    if (json.statusCode !== 200 || info.status !== 'voided' || !info.voidedAt)
      fail(w, `(3) verify ${number}: ${json.statusCode} ${json.body.slice(0, 200)}`);
    const html = await get(w, `/public/verify/${encodeURIComponent(number)}`, '', phone);
    if (!html.body.includes('已作废')) fail(w, `(3) verify page of ${number} does not say 已作废`);
    checked.add(number);
    bump(w.stats, 'voided agreements verified');
  }
}

export interface CheckState {
  audit: AuditCursor;
  verified: Set<string>;
}

/** Every invariant after every step (the queue views when asked). */
export async function checkAll(w: World, state: CheckState, readQueues: boolean): Promise<void> {
  const rows = await readRound(w);
  checkRows(w, rows);
  compareHouseholds(w, rows);
  // The two read-only queue views cost more than the rest together: every call already checks
  // invariant 1 by acting, so the views are read at a share of the steps and at the end.
  if (readQueues) {
    await checkQueues(w);
    bump(w.stats, 'queue views checked');
  }
  await checkVoided(w, state.verified);
  const audit = await auditSince(w.t, state.audit);
  if (audit.problem) fail(w, `(5) ${audit.problem}`);
  state.audit = audit.cursor;
  bump(w.stats, 'audit rows checked', audit.rows);
}
