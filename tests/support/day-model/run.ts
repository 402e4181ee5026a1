import type { TestApp } from '../test-app.js';
import { type Act, deskActs } from './acts-desk.js';
import { supervisorActs } from './acts-supervisor.js';
import { auditHead } from './audit-check.js';
import { type CheckState, checkAll } from './checks.js';
import { bump, fail, get, type Staff, type Stats, type World } from './context.js';
import { setupSequence } from './fixture.js';
import { Rng, sequenceSeed } from './random.js';

const acts: Act[] = [...deskActs, ...supervisorActs];
const queueViewShare = Number(process.env.DAY_MODEL_VIEW_SHARE ?? 0.2);

export interface RunOptions {
  t: TestApp;
  staff: Staff;
  stats: Stats;
  runSeed: number;
  index: number;
  steps: number;
  /** Verify the whole chain over HTTP at the end: every row was already checked as it came, and the whole chain grows with the run. */
  wholeChain: boolean;
}

/** One sequence: a fresh round, `steps` random acts, every invariant after each, the whole audit chain when asked. */
export async function runSequence(options: RunOptions): Promise<void> {
  const { t, staff, stats, runSeed, index, steps, wholeChain } = options;
  const seed = sequenceSeed(runSeed, index);
  const rng = new Rng(seed);
  const trace = [`sequence ${index} (DAY_MODEL_SEED=${runSeed} DAY_MODEL_ONLY=${index})`];
  const state: CheckState = { audit: await auditHead(t), verified: new Set() };
  const base = { t, staff, rng, checklist: [], stats, trace };
  let clock = Date.now();
  const lap = (key: string) => {
    const now = Date.now();
    bump(stats, key, now - clock);
    clock = now;
  };
  const world: World = { ...base, ...(await setupSequence(base, index)) };
  lap('ms setup');
  await checkAll(world, state, true);
  lap('ms checks');
  for (let step = 1; step <= steps; step += 1) {
    // Try acts in a weighted random order; the first that can act on this state does.
    let run: (() => Promise<void>) | null = null;
    for (const act of rng.weightedOrder(acts, (a) => a.weight)) {
      run = act.plan(world);
      if (run) break;
    }
    if (!run) fail(world, 'no act could run');
    trace.push(`step ${step}:`);
    await run();
    lap('ms acts');
    await checkAll(world, state, step === steps || rng.chance(queueViewShare));
    lap('ms checks');
    bump(stats, 'steps');
  }
  if (wholeChain) {
    const verify = await get(world, '/api/audit/verify', staff.supervisor);
    if (!verify.json<{ ok: boolean }>().ok) fail(world, `(5) whole audit chain: ${verify.body}`);
    bump(stats, 'whole-chain verifications');
  }
  bump(stats, 'sequences');
}
