import type { Act } from './acts-desk.js';
import { bump, expectAnswer, get, post, type World } from './context.js';
import {
  describe,
  dropStaleCall,
  expectedCall,
  type HouseholdModel,
  mayChooseNow,
  STAGES,
  stageIndex,
  voidFrom,
} from './model.js';

const reason = { reason: '现场核实后办理' };
/** Mostly a household the act is meant for; now and then another one, whose refusal the model predicts too. */
function anyHousehold(w: World, prefer: (h: HouseholdModel) => boolean): HouseholdModel | undefined {
  const preferred = w.model.households.filter(prefer);
  if (preferred.length > 0 && w.rng.chance(0.85)) return w.rng.pick(preferred);
  return w.rng.chance(0.15) ? w.rng.pick(w.model.households) : undefined;
}

interface Request {
  url: string;
  cookie: string;
  body?: object;
}

/** Sends one act on a household, checks the status the model expects, and applies it to the model on success. */
async function execute(
  w: World,
  name: string,
  h: HouseholdModel,
  request: Request,
  expected: [number, string?],
  apply: (body: unknown) => void,
): Promise<void> {
  const [status, code] = expected;
  w.trace.push(`${name} ${describe(h)} expecting ${status}${code ? ` ${code}` : ''}`);
  const res = await post(w, request.url, request.cookie, request.body);
  expectAnswer(w, `${name} #${h.position}`, res, status, code);
  bump(w.stats, status < 300 ? name : `${name} refused`);
  if (status < 300) apply(res.statusCode === 204 ? null : res.json());
}

interface HouseholdActSpec {
  name: string;
  weight: number;
  /** Households this act is mostly aimed at; the others are tried now and then, expecting a refusal. */
  prefer(w: World, h: HouseholdModel): boolean;
  request(w: World, h: HouseholdModel): Request | null | Promise<Request | null>;
  expect(w: World, h: HouseholdModel): [number, string?];
  apply(w: World, h: HouseholdModel, body: unknown): void;
}

function householdAct(spec: HouseholdActSpec): Act {
  return {
    name: spec.name,
    weight: spec.weight,
    plan(w) {
      const h = anyHousehold(w, (x) => spec.prefer(w, x));
      if (!h) return null;
      return async () => {
        // The expectation is taken before the request is prepared: preparing only reads.
        const expected = spec.expect(w, h);
        const request = await spec.request(w, h);
        if (request) await execute(w, spec.name, h, request, expected, (body) => spec.apply(w, h, body));
      };
    },
  };
}

const roundUrl = (w: World, h: HouseholdModel, move: string) => `/api/rounds/${w.roundId}/households/${h.id}/${move}`;

/** 过号 (supervisor or signing clerk): only the household whose turn it is or one at a 选房 desk. */
const pass = householdAct({
  name: 'pass',
  weight: 1,
  prefer: (w, h) => mayChooseNow(w.model, h),
  request: (w, h) => ({
    url: roundUrl(w, h, 'pass'),
    cookie: w.rng.chance(0.5) ? w.staff.supervisor : w.staff.signingClerk,
    body: reason,
  }),
  expect: (w, h) => (h.forfeited ? [409, 'FORFEITED'] : mayChooseNow(w.model, h) ? [204] : [409]),
  apply(_w, h) {
    h.away = 'passed';
    h.called = null;
  },
});

/** 登记未到场: a signed-in, present household; any desk or the supervisor. */
const markAbsent = householdAct({
  name: 'mark absent',
  weight: 0.7,
  prefer: (_w, h) => h.workflowId !== null && h.away === null,
  request: (w, h) => ({
    url: roundUrl(w, h, 'absent'),
    cookie: w.rng.chance(0.5) ? w.staff.supervisor : w.staff.propertyClerk,
    body: reason,
  }),
  expect: (_w, h) => (h.forfeited ? [409, 'FORFEITED'] : h.workflowId === null || h.away !== null ? [409] : [204]),
  apply(_w, h) {
    h.away = 'absent';
    h.called = null;
  },
});

/** 回到队列: whatever took it away. */
const bringBack = householdAct({
  name: 'bring back',
  weight: 1,
  prefer: (_w, h) => h.away !== null,
  request: (w, h) => ({ url: roundUrl(w, h, 'present'), cookie: w.staff.supervisor, body: reason }),
  expect: (_w, h) => (h.forfeited ? [409, 'FORFEITED'] : h.workflowId === null || h.away === null ? [409] : [204]),
  apply(_w, h) {
    h.away = null;
  },
});

function undone(w: World, h: HouseholdModel): void {
  bump(
    w.stats,
    h.completed.has('keyHandover')
      ? 'undo after keys'
      : h.completed.has('signing')
        ? 'undo after signing'
        : 'undo before signing',
  );
  h.flat = null;
  voidFrom(w.model, h, 'selection', false);
  // Undo sends the household back to 选房: a call at 选房 or a later desk ends (the README's rule).
  if (h.called && stageIndex(h.called.stage) >= stageIndex('selection')) h.called = null;
}

const undoUrl = (h: HouseholdModel) => `/api/selections/${h.flat?.selectionId ?? 'none'}/undo`;

/** 撤销选房 by the signing clerk: allowed only before 协议签订 (after it: 403). */
const undoBeforeSigning = householdAct({
  name: 'undo (signing clerk)',
  weight: 0.7,
  prefer: (_w, h) => h.flat !== null && !h.completed.has('signing'),
  request: (w, h) => ({ url: undoUrl(h), cookie: w.staff.signingClerk, body: reason }),
  expect: (_w, h) => (h.flat === null ? [404] : h.completed.has('signing') ? [403, 'FORBIDDEN'] : [204]),
  apply: undone,
});

/** 撤销选房 by the supervisor: voids the agreement and the later stages; after 领取钥匙 only once the keys are back. */
const undoBySupervisor = householdAct({
  name: 'undo (supervisor)',
  weight: 2,
  prefer: (_w, h) => h.flat !== null && h.completed.has('signing'),
  request: (w, h) => ({ url: undoUrl(h), cookie: w.staff.supervisor, body: reason }),
  expect: (_w, h) =>
    h.flat === null ? [404] : h.completed.has('keyHandover') && !h.keysBack ? [409, 'KEYS_NOT_RETURNED'] : [204],
  apply: undone,
});

/** 钥匙退回 at the key desk: all of them, or fewer with a note. */
const keyReturn = householdAct({
  name: 'key return',
  weight: 2,
  prefer: (_w, h) => h.completed.has('keyHandover') && !h.keysBack,
  request(w, h) {
    const handed = h.keysHanded ?? { keys: 1, accessCards: 0 };
    const short = w.rng.chance(0.3) && handed.keys > 1;
    const body = short
      ? { keys: handed.keys - 1, accessCards: handed.accessCards, note: '遗失一把，已赔偿' }
      : { keys: handed.keys, accessCards: handed.accessCards };
    return {
      url: `/api/workflows/${h.workflowId ?? 'none'}/key-return`,
      cookie: w.rng.chance(0.5) ? w.staff.keyKeeper : w.staff.supervisor,
      body,
    };
  },
  expect: (_w, h) => (h.workflowId === null ? [404] : h.completed.has('keyHandover') && !h.keysBack ? [201] : [409]),
  apply(_w, h) {
    h.keysBack = true;
  },
});

/** 放弃 / 货币补偿: refused while the household holds a flat. */
const forfeit = householdAct({
  name: 'forfeit',
  weight: 0.4,
  prefer: (_w, h) => h.flat === null && h.forfeited === null,
  request: (w, h) => ({
    url: roundUrl(w, h, 'forfeit'),
    cookie: w.staff.supervisor,
    body: { ...reason, kind: w.rng.chance(0.5) ? 'forfeit' : 'cash' },
  }),
  expect: (_w, h) => (h.forfeited !== null || h.flat !== null ? [409] : [201]),
  apply(w, h, body) {
    h.forfeited = (body as { kind: 'forfeit' | 'cash' }).kind;
    bump(w.stats, `forfeit (${h.forfeited})`);
    h.away = null;
    h.called = null;
  },
});

const reinstate = householdAct({
  name: 'reinstate',
  weight: 1,
  prefer: (_w, h) => h.forfeited !== null,
  request: (w, h) => ({ url: roundUrl(w, h, 'reinstate'), cookie: w.staff.supervisor, body: reason }),
  expect: (_w, h) => (h.forfeited !== null ? [204] : [409]),
  apply(_w, h) {
    h.forfeited = null;
  },
});

/**
 * Reopen a stage (supervisor): it and the later ones are voided, 选房 excepted, and a desk's call
 * for a voided stage ends. Refused for a household that gave up, for a stage before 选房 while a
 * chosen flat stands (undo first), and before 领取钥匙 until the keys are back.
 */
const reopen: Act = {
  name: 'reopen',
  weight: 1,
  plan(w) {
    const h = anyHousehold(w, (x) => x.completed.size > 0);
    if (!h || h.workflowId === null) return null;
    const stage = w.rng.pick(STAGES.filter((s) => s !== 'selection' && (h.completed.has(s) || w.rng.chance(0.1))));
    if (!stage) return null;
    const beforeChosenFlat = (stage === 'documentReview' || stage === 'idCheck') && h.completed.has('selection');
    const expected: [number, string?] =
      h.forfeited !== null
        ? [409, 'FORFEITED']
        : !h.completed.has(stage) || beforeChosenFlat
          ? [409]
          : stage !== 'keyHandover' && h.completed.has('keyHandover') && !h.keysBack
            ? [409, 'KEYS_NOT_RETURNED']
            : [204];
    const request = {
      url: `/api/workflows/${h.workflowId}/stages/${stage}/reopen`,
      cookie: w.staff.supervisor,
      body: reason,
    };
    return () =>
      execute(w, `reopen ${stage}`, h, request, expected, () => {
        voidFrom(w.model, h, stage, true);
        dropStaleCall(h);
      });
  },
};

/**
 * A direct selection (POST /rounds/:id/selections, supervisor) for the household whose turn it is:
 * refused for a household signed in at the desks (it chooses at the 选房 desk).
 */
const select = householdAct({
  name: 'select',
  weight: 1,
  prefer: (w, h) => expectedCall(w.model, 'selection') === h,
  async request(w, h) {
    const options = (await get(w, `/api/rounds/${w.roundId}/households/${h.id}/options`, w.staff.supervisor)).json<
      { unitId: string; allowed: boolean }[]
    >();
    const unit = w.rng.pick(options.filter((o) => o.allowed));
    return unit
      ? {
          url: `/api/rounds/${w.roundId}/selections`,
          cookie: w.staff.supervisor,
          body: { householdId: h.id, unitId: unit.unitId },
        }
      : null;
  },
  expect: (w, h) =>
    h.workflowId !== null
      ? [409, 'CONFLICT']
      : h.forfeited
        ? [409, 'FORFEITED']
        : h.flat !== null
          ? [409]
          : mayChooseNow(w.model, h)
            ? [201]
            : [409],
  apply(_w, h, body) {
    const b = body as { selectionId: string; unitId: string };
    h.flat = { unitId: b.unitId, selectionId: b.selectionId, viaDesk: false };
    dropStaleCall(h);
  },
});

const openBatch2: Act = {
  name: 'open batch 2',
  weight: 1,
  plan(w) {
    if (w.model.openBatches.has(2)) return null;
    return async () => {
      w.trace.push('open batch 2');
      expectAnswer(
        w,
        'open batch 2',
        await post(w, `/api/rounds/${w.roundId}/batches`, w.staff.supervisor, { number: 2 }),
        200,
      );
      w.model.openBatches.add(2);
    };
  },
};

export const supervisorActs: Act[] = [
  pass,
  markAbsent,
  bringBack,
  undoBeforeSigning,
  undoBySupervisor,
  keyReturn,
  forfeit,
  reinstate,
  reopen,
  select,
  openBatch2,
];
