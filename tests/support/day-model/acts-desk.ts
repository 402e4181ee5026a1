import type { Stage } from '../../../src/checkin/stages.js';
import { bump, expectAnswer, fail, get, post, type World } from './context.js';
import { CHECKLIST } from './fixture.js';
import { atDesk, type Desk, describe, expectedCall, type HouseholdModel, nextStageOf, stageIndex } from './model.js';

/** One kind of step: `plan` picks its arguments from the state reached, or says it cannot act now. */
export interface Act {
  name: string;
  weight: number;
  plan(world: World): (() => Promise<void>) | null;
}

const busyDesks = (w: World): Desk[] => w.model.desks.filter((d) => atDesk(w.model, d));

/** 签到 / 再次签到 at the door, by 户号, ID number or the notice's QR code. */
export const arrive: Act = {
  name: 'arrive',
  weight: 5,
  plan(w) {
    // Mostly households of open batches not yet in or away: arriving again while present changes nothing.
    const h = w.rng.weightedOrder(
      w.model.households,
      (x) => (x.workflowId === null || x.away !== null ? 10 : 1) * (w.model.openBatches.has(x.batch) ? 3 : 1),
    )[0];
    if (!h || (h.workflowId !== null && h.away === null && w.rng.chance(0.7))) return null;
    return async () => {
      const by = w.rng.pick(['code', 'idNumber', 'qr'] as const) ?? 'code';
      const value = by === 'code' ? h.code : by === 'idNumber' ? h.headId : `ANJU1:${w.roundId}:${h.code}`;
      w.trace.push(`arrive ${describe(h)} by ${by}`);
      const res = await post(w, `/api/rounds/${w.roundId}/arrivals`, w.staff.reviewers[0] ?? '', { by, value });
      // A household that gave up is turned away at the door: it has left the day.
      if (h.forfeited) return expectAnswer(w, `arrive #${h.position} (放弃)`, res, 409, 'FORFEITED');
      expectAnswer(w, `arrive #${h.position}`, res, 200);
      const body = res.json<{
        workflowId: string;
        position: number;
        batch: number;
        batchOpen: boolean;
        secondVisit: boolean;
      }>();
      const expected = {
        position: h.position,
        batch: h.batch,
        batchOpen: w.model.openBatches.has(h.batch),
        secondVisit: h.away !== null,
      };
      const got = {
        position: body.position,
        batch: body.batch,
        batchOpen: body.batchOpen,
        secondVisit: body.secondVisit,
      };
      if (JSON.stringify(got) !== JSON.stringify(expected))
        fail(w, `arrive #${h.position}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      if (h.workflowId !== null && body.workflowId !== h.workflowId)
        fail(w, `arrive #${h.position}: a second sign-in made a new workflow`);
      bump(w.stats, h.workflowId === null ? 'arrivals' : 'arrivals again');
      h.workflowId = body.workflowId;
      h.away = null;
    };
  },
};

/** 叫下一位 at any desk: the desk's unfinished call again, else exactly the household the model says is first ready (invariant 1). */
export const call: Act = {
  name: 'call',
  weight: 20,
  plan(w) {
    // Mostly desks with someone to call or already called: an idle desk's empty call is checked too, less often.
    const useful = w.model.desks.filter((d) =>
      atDesk(w.model, d) ? w.rng.chance(0.2) : expectedCall(w.model, d.stage),
    );
    // With nobody to call anywhere, an idle call now and then still checks that nothing is handed out.
    // Later desks are favoured, so households reach 签约 and 钥匙, where the undo and reopen rules bite.
    const desk =
      useful.length > 0 && w.rng.chance(0.8)
        ? w.rng.weightedOrder(useful, (d) => 1 + stageIndex(d.stage))[0]
        : w.rng.chance(0.3)
          ? w.rng.pick(w.model.desks)
          : undefined;
    if (!desk) return null;
    return async () => {
      const expected = atDesk(w.model, desk) ?? expectedCall(w.model, desk.stage);
      w.trace.push(`call ${desk.number}(${desk.stage}) expecting ${expected ? `#${expected.position}` : 'nobody'}`);
      const res = await post(w, `/api/rounds/${w.roundId}/calls`, desk.cookie);
      expectAnswer(w, `call at ${desk.number}`, res, 200);
      const body = res.json<{ householdId: string; workflowId: string; position: number } | null>();
      if ((body?.householdId ?? null) !== (expected?.id ?? null)) {
        const who = w.model.households.find((h) => h.id === body?.householdId);
        fail(
          w,
          `call at ${desk.number} (${desk.stage}) answered ${who ? describe(who) : 'nobody'}; the model expects ${expected ? describe(expected) : 'nobody'}`,
        );
      }
      bump(w.stats, expected ? 'calls' : 'calls (nobody ready)');
      if (expected) expected.called = { stage: desk.stage, desk: desk.number };
    };
  },
};

async function allowedFlats(w: World, desk: Desk, h: HouseholdModel): Promise<string[]> {
  const res = await get(w, `/api/rounds/${w.roundId}/households/${h.id}/options`, desk.cookie);
  expectAnswer(w, `options of #${h.position}`, res, 200);
  return res
    .json<{ unitId: string; allowed: boolean }[]>()
    .filter((o) => o.allowed)
    .map((o) => o.unitId);
}

/** A valid form for the desk's stage; null when 选房 has no flat this household may take. */
async function formFor(
  w: World,
  desk: Desk,
  h: HouseholdModel,
): Promise<{ form: object; papersMissing?: boolean } | null> {
  switch (desk.stage) {
    case 'documentReview': {
      const missing = w.rng.chance(0.15);
      return { form: { presented: missing ? CHECKLIST.slice(1) : CHECKLIST, agent: false }, papersMissing: missing };
    }
    case 'idCheck':
      return { form: { person: 'head', idNumber: h.headId } };
    case 'selection': {
      const unitId = w.rng.pick(await allowedFlats(w, desk, h));
      return unitId ? { form: { unitId } } : null;
    }
    case 'signing':
      return { form: {} };
    case 'propertyRegistration':
      return {
        form: {
          occupants: h.members,
          phone: '13909310000',
          emergencyContact: { name: '张建国', phone: '13809311111' },
          feeStartDate: '2026-12-01',
        },
      };
    case 'keyHandover':
      return {
        form: { keys: 1 + w.rng.int(3), accessCards: w.rng.int(3), receiptNo: `R-${h.code}-${w.rng.int(1e6)}` },
      };
  }
}

interface StageAnswer {
  outcome: string;
  data: { selectionId?: string; unitId?: string; agreementNumber?: string; unitIds?: string[] };
}

function recordCompletion(w: World, h: HouseholdModel, stage: Stage, form: object, answer: StageAnswer): void {
  h.completed.add(stage);
  if (stage === 'selection') {
    if (!answer.data.selectionId || !answer.data.unitId)
      fail(w, `选房 for #${h.position} answered no selection: ${JSON.stringify(answer)}`);
    h.flat = { unitId: answer.data.unitId, selectionId: answer.data.selectionId, viaDesk: true };
  }
  if (stage === 'signing') {
    if (!answer.data.agreementNumber || JSON.stringify(answer.data.unitIds) !== JSON.stringify([h.flat?.unitId]))
      fail(
        w,
        `协议签订 for #${h.position} printed ${JSON.stringify(answer.data)}; it holds ${h.flat?.unitId ?? 'no flat'}`,
      );
    h.agreement = answer.data.agreementNumber;
  }
  if (stage === 'keyHandover') {
    h.keysHanded = form as { keys: number; accessCards: number };
    h.keysBack = false;
  }
}

/** 退回 at the desk, with the reason and what to bring: the household keeps its place. */
async function sendBack(w: World, desk: Desk, h: HouseholdModel, why: string): Promise<void> {
  w.trace.push(`return #${h.position} at ${desk.number} (${why})`);
  const res = await post(w, `/api/workflows/${h.workflowId ?? ''}/stages/${desk.stage}/return`, desk.cookie, {
    reason: why,
    missing: ['户口簿'],
  });
  expectAnswer(w, `return #${h.position} at ${desk.number}`, res, 204);
  bump(w.stats, 'returns');
  h.away = 'returned';
  h.called = null;
}

/** Completes the called stage with a valid form (选房: a flat the options allow); 材料审核 sometimes finds a paper missing. */
export const complete: Act = {
  name: 'complete',
  weight: 24,
  plan(w) {
    const desk = w.rng.weightedOrder(busyDesks(w), (d) => 1 + stageIndex(d.stage))[0];
    const h = desk && atDesk(w.model, desk);
    if (!desk || !h) return null;
    return async () => {
      const planned = await formFor(w, desk, h);
      if (!planned) return sendBack(w, desk, h, '无可选房源，请与主管商议');
      w.trace.push(
        `complete ${desk.stage} for ${describe(h)} at ${desk.number}${planned.papersMissing ? ' (papers missing)' : ''}`,
      );
      const t0 = performance.now();
      const res = await post(w, `/api/workflows/${h.workflowId ?? ''}/stages`, desk.cookie, {
        stage: desk.stage,
        form: planned.form,
      });
      // 协议签订 renders the agreement's PDF: its cost sizes the long runs.
      if (desk.stage === 'signing') bump(w.stats, 'ms signing', Math.round(performance.now() - t0));
      if (nextStageOf(h) !== desk.stage) return expectAnswer(w, `complete ${desk.stage} out of order`, res, 409);
      expectAnswer(w, `complete ${desk.stage} for #${h.position}`, res, 201);
      const answer = res.json<StageAnswer>();
      h.called = null;
      if (planned.papersMissing) {
        if (answer.outcome !== 'returned') fail(w, `材料审核 with a paper missing answered ${answer.outcome}`);
        h.away = 'returned';
        bump(w.stats, 'returns');
        return;
      }
      recordCompletion(w, h, desk.stage, planned.form, answer);
      bump(w.stats, `done ${desk.stage}`);
    };
  },
};

export const returnAtDesk: Act = {
  name: 'return',
  weight: 2,
  plan(w) {
    const desk = w.rng.pick(busyDesks(w));
    const h = desk && atDesk(w.model, desk);
    return desk && h ? () => sendBack(w, desk, h, '材料不全，补齐后再来') : null;
  },
};

export const noShow: Act = {
  name: 'no-show',
  weight: 2,
  plan(w) {
    const desk = w.rng.pick(busyDesks(w));
    const h = desk && atDesk(w.model, desk);
    if (!desk || !h) return null;
    return async () => {
      w.trace.push(`no-show #${h.position} at ${desk.number}`);
      expectAnswer(
        w,
        `no-show #${h.position}`,
        await post(w, `/api/workflows/${h.workflowId ?? ''}/no-show`, desk.cookie),
        204,
      );
      bump(w.stats, 'no-shows');
      h.away = 'no_show';
      h.called = null;
    };
  },
};

/** Staff bring an away household back (…/recall): any away reason ends. */
export const recall: Act = {
  name: 'recall',
  weight: 2,
  plan(w) {
    const h = w.rng.pick(
      w.model.households.filter((x) => x.workflowId !== null && (x.away !== null || w.rng.chance(0.2))),
    );
    if (!h) return null;
    return async () => {
      w.trace.push(`recall ${describe(h)}`);
      expectAnswer(
        w,
        `recall #${h.position}`,
        await post(w, `/api/workflows/${h.workflowId ?? ''}/recall`, w.staff.idChecker),
        204,
      );
      bump(w.stats, 'recalls');
      h.away = null;
    };
  },
};

export const deskActs: Act[] = [arrive, call, complete, returnAtDesk, noShow, recall];
