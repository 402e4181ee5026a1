import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Stage, stageTable } from '../../src/checkin/stages.js';
import { DEFAULT_DOCUMENT_CHECKLIST } from '../../src/projects/projects.service.js';
import type { LoadClient, TimedAnswer } from './http-load-client.js';
import type { DeskAccount } from './http-load-setup.js';

/** How long a desk waits before calling again when nobody is waiting for it (a person re-clicking 叫号). */
const IDLE_MS = 300;

/** Something a desk did that every screen of its round should see: matched by the event's content. */
export interface ScreenCause {
  roundId: string;
  key: string;
  sentAt: number;
  answeredAt: number;
}

type Call = { workflowId: string; householdId: string; code: string; position: number; deskNumber: string };
type HouseholdFile = { code: string; phone: string | null; members: { idNumber: string; isHead: boolean }[] };
type StageAnswer = { outcome: string; data: { agreementId?: string } };

export const callEventKey = (position: number, desk: string, stageLabel: string) =>
  `call|${position}|${desk}|${stageLabel}`;
export const unitEventKey = (unitId: string, status: string) => `unit|${unitId}|${status}`;

export interface DayOutcome {
  causes: ScreenCause[];
  /** Households through 领取钥匙, per round id. */
  done: Map<string, number>;
  /** 409 answers to 叫号 by error code: expected while 选房 waits for the household whose turn it is. */
  refusedCalls: Map<string, number>;
  failures: string[];
}

/** Logs a desk account in and signs it in to its desk, over HTTP like the desk page. */
export async function signIn(
  client: LoadClient,
  projectId: string,
  desk: DeskAccount,
  password: string,
): Promise<string> {
  const login = await client.request('POST', '/api/auth/login', { body: { username: desk.username, password } });
  if (login.status !== 200) throw new Error(`login ${desk.username}: ${login.status} ${login.body}`);
  const cookie = login.session ?? '';
  const signed = await client.request('POST', '/api/desks/sign-in', {
    cookie,
    body: { projectId, deskNumber: desk.deskNumber, stage: desk.stage },
  });
  if (signed.status !== 200) throw new Error(`desk sign-in ${desk.username}: ${signed.status} ${signed.body}`);
  return cookie;
}

async function formFor(
  client: LoadClient,
  stage: Stage,
  roundId: string,
  call: Call,
  file: HouseholdFile,
  cookie: string,
): Promise<object> {
  switch (stage) {
    case 'documentReview':
      return { presented: DEFAULT_DOCUMENT_CHECKLIST, agent: false };
    case 'idCheck':
      return { person: 'head', idNumber: file.members.find((m) => m.isHead)?.idNumber ?? '' };
    case 'selection': {
      const options = await client.request('GET', `/api/rounds/${roundId}/households/${call.householdId}/options`, {
        cookie,
      });
      const first =
        options.status === 200
          ? options.json<{ unitId: string; allowed: boolean }[]>().find((o) => o.allowed)
          : undefined;
      if (!first) throw new Error(`no flat for ${call.code}: ${options.status} ${options.body.slice(0, 200)}`);
      return { unitId: first.unitId };
    }
    case 'signing':
      return {};
    case 'propertyRegistration':
      return {
        occupants: file.members.length,
        phone: file.phone ?? '13909310000',
        emergencyContact: { name: '张建国', phone: '13809311111' },
        feeStartDate: '2026-12-01',
      };
    case 'keyHandover':
      return { keys: 3, accessCards: 2, receiptNo: `R-${file.code}` };
  }
}

/**
 * One desk's day, as the desk page runs it: 叫号, open the household's file (file, timeline,
 * public results), fill the stage's form, record it, then print what the stage prints.
 */
async function serve(
  client: LoadClient,
  desk: DeskAccount,
  cookie: string,
  until: number,
  totals: Map<string, number>,
  households: number,
  outcome: DayOutcome,
): Promise<void> {
  const { roundId, stage } = desk;
  while (performance.now() < until && (outcome.done.get(roundId) ?? 0) < households) {
    const called = await client.request('POST', `/api/rounds/${roundId}/calls`, { cookie });
    if (called.status === 409) {
      // A lost race for the call: counted by code, and the desk calls again.
      const code = called.json<{ code?: string }>().code ?? '?';
      outcome.refusedCalls.set(code, (outcome.refusedCalls.get(code) ?? 0) + 1);
      await sleep(IDLE_MS);
      continue;
    }
    if (called.status !== 200)
      return void outcome.failures.push(`${desk.username} call: ${called.status} ${called.body.slice(0, 200)}`);
    const call = called.json<Call | null>();
    if (!call) {
      await sleep(IDLE_MS);
      continue;
    }
    outcome.causes.push({
      roundId,
      key: callEventKey(call.position, call.deskNumber, stageTable[stage].label),
      sentAt: called.sentAt,
      answeredAt: called.answeredAt,
    });
    const [file] = await Promise.all([
      client.request('GET', `/api/households/${call.householdId}`, { cookie }),
      client.request('GET', `/api/households/${call.householdId}/timeline`, { cookie }),
      client.request('GET', `/public/rounds/${roundId}/results`),
    ]);
    if (file.status !== 200) return void outcome.failures.push(`${desk.username} file: ${file.status}`);
    let form: object;
    try {
      form = await formFor(client, stage, roundId, call, file.json<HouseholdFile>(), cookie);
    } catch (error) {
      return void outcome.failures.push(`${desk.username}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const done: TimedAnswer = await client.request('POST', `/api/workflows/${call.workflowId}/stages`, {
      cookie,
      body: { stage, form },
      headers: { 'idempotency-key': randomUUID() },
    });
    if (done.status !== 201)
      return void outcome.failures.push(
        `${desk.username} ${stage} ${call.code}: ${done.status} ${done.body.slice(0, 200)}`,
      );
    const answer = done.json<StageAnswer>();
    if (stage === 'selection' && 'unitId' in form && typeof form.unitId === 'string') {
      outcome.causes.push({
        roundId,
        key: unitEventKey(form.unitId, 'allocated'),
        sentAt: done.sentAt,
        answeredAt: done.answeredAt,
      });
    }
    if (stage === 'signing' && answer.data.agreementId)
      await client.request('GET', `/api/agreements/${answer.data.agreementId}/pdf`, { cookie });
    if (stage === 'keyHandover') {
      await client.request('GET', `/api/workflows/${call.workflowId}/receipt.pdf`, { cookie });
      outcome.done.set(roundId, (outcome.done.get(roundId) ?? 0) + 1);
    }
    totals.set(stage, (totals.get(stage) ?? 0) + 1);
  }
}

/** All desks at once until every household has its keys or the time is up. */
export async function runDesks(
  client: LoadClient,
  desks: { account: DeskAccount; cookie: string }[],
  households: number,
  seconds: number,
) {
  const outcome: DayOutcome = { causes: [], done: new Map(), refusedCalls: new Map(), failures: [] };
  const stagesDone = new Map<string, number>();
  const until = performance.now() + seconds * 1000;
  await Promise.all(desks.map((d) => serve(client, d.account, d.cookie, until, stagesDone, households, outcome)));
  return { ...outcome, stagesDone };
}
