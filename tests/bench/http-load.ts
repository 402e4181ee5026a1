import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServerProcess, startServer } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-db.js';
import { type CannonTarget, fireAt } from './http-load-cannon.js';
import { LoadClient } from './http-load-client.js';
import { runDesks, signIn } from './http-load-desks.js';
import { Screen, screenLatencies } from './http-load-screens.js';
import { type LoadDay, prepareLoadDay } from './http-load-setup.js';
import { printRouteTable, type RouteFigures, RouteRecorder, spread } from './http-load-stats.js';

/** The day stops here even if households are left: the whole part stays within about two minutes. */
const DAY_SECONDS = 35;
const HALL_SCREENS_PER_ROUND = 20;
const BOARDS_PER_ROUND = 5;
const CANNON_SECONDS = 6;
const CANNON_CONNECTIONS = 50;
/** Events published by the last actions still need to reach the screens before they are counted. */
const SETTLE_MS = 1000;

/** The read routes for autocannon, with a supervisor's cookie for the staff one and a real agreement number. */
async function cannonTargets(client: LoadClient, day: LoadDay): Promise<CannonTarget[]> {
  const login = await client.request('POST', '/api/auth/login', {
    body: { username: day.supervisor, password: day.password },
  });
  const cookie = login.session ?? '';
  const roundId = day.rounds[0]?.id ?? '';
  const agreements = await client.request('GET', `/api/rounds/${roundId}/agreements`, { cookie });
  const number = agreements.status === 200 ? agreements.json<{ number: string }[]>()[0]?.number : undefined;
  return [
    { route: 'GET /public/rounds/:id/units', path: `/public/rounds/${roundId}/units` },
    { route: 'GET /public/rounds/:id/results', path: `/public/rounds/${roundId}/results` },
    { route: 'GET /hall/:id', path: `/hall/${roundId}` },
    { route: 'GET /api/rounds/:id/queue', path: `/api/rounds/${roundId}/queue`, headers: { cookie } },
    ...(number ? [{ route: 'GET /public/verify/:number', path: `/public/verify/${encodeURIComponent(number)}` }] : []),
  ];
}

function openScreens(client: LoadClient, recorder: RouteRecorder, day: LoadDay): Screen[] {
  return day.rounds.flatMap((round) => [
    ...Array.from({ length: HALL_SCREENS_PER_ROUND }, () => new Screen(client, recorder, round.id, 'hall')),
    ...Array.from({ length: BOARDS_PER_ROUND }, () => new Screen(client, recorder, round.id, 'board')),
  ]);
}

const failuresOf = (rows: readonly RouteFigures[]) => rows.reduce((sum, r) => sum + r.serverErrors, 0);

/**
 * `npm run bench -- http`: the real server as its own process, a day of two rounds served by 20
 * desks over HTTP while 50 hall screens and boards follow it live, then autocannon on the read
 * routes. Returns false when any request failed with a 5xx or a desk could not do its work.
 */
export async function benchHttpLoad(): Promise<boolean> {
  const wallStart = performance.now();
  const database = await createTestDatabase();
  let server: ServerProcess | undefined;
  let screens: Screen[] = [];
  try {
    const day = await prepareLoadDay(database.env);
    const setupSeconds = (performance.now() - wallStart) / 1000;
    // At the production default (info) every request is logged, as on the day; startServer also waits for that level's start line.
    // All 50 screens and the cannon's connections come from this one address, as no hall's would.
    server = await startServer({
      env: { ...database.env, ANJU_MAX_STREAMS_PER_ADDRESS: '1000', ANJU_MAX_CONNECTIONS_PER_ADDRESS: '10000' },
    });
    const quiet = new LoadClient(server.baseUrl, new RouteRecorder());
    const desks = await Promise.all(
      day.desks.map(async (account) => ({
        account,
        cookie: await signIn(quiet, day.projectId, account, day.password),
      })),
    );

    const recorder = new RouteRecorder();
    const client = new LoadClient(server.baseUrl, recorder);
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    recorder.start();
    screens = openScreens(client, recorder, day);
    await Promise.all(screens.map((s) => s.open()));
    const dayStart = performance.now();
    const households = day.rounds[0]?.households ?? 0;
    const outcome = await runDesks(client, desks, households, DAY_SECONDS);
    const daySeconds = (performance.now() - dayStart) / 1000;
    await sleep(SETTLE_MS);
    recorder.stop();
    clientLag.disable();

    const total = day.rounds.reduce((sum, r) => sum + r.households, 0);
    const finished = [...outcome.done.values()].reduce((a, b) => a + b, 0);
    const halls = HALL_SCREENS_PER_ROUND * day.rounds.length;
    const boards = BOARDS_PER_ROUND * day.rounds.length;
    console.log(
      `http load (${database.kind}): server ${server.baseUrl} as its own process (request log at info), ${day.rounds.length} rounds × ${households} households; figures include whatever else the machine runs`,
    );
    console.log(
      `  setup in-process ${setupSeconds.toFixed(1)} s; ${desks.length} desks signed in; ${halls} hall screens + ${boards} boards on the event stream`,
    );
    console.log(
      `  day: ${daySeconds.toFixed(1)} s (limit ${DAY_SECONDS} s), ${finished}/${total} households through 领取钥匙`,
    );
    console.log(
      `  stages recorded: ${[...outcome.stagesDone.entries()].map(([stage, n]) => `${stage} ${n}`).join(', ')}`,
    );
    console.log(
      `  叫号 answered 409 (desk waits and calls again): ${[...outcome.refusedCalls.entries()].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`,
    );
    // Desks, screens and autocannon share this process: its own lag is part of every figure below.
    console.log(
      `  this (client) process's event-loop delay: p50 ${(clientLag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(clientLag.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    const dayRows = recorder.figures();
    printRouteTable('  desks and screens over HTTP during the day:', dayRows);
    const latency = screenLatencies(screens, outcome.causes);
    console.log(
      `  live updates: ${outcome.causes.length} desk actions with a screen event (叫号 calls, flats taken) × the screens of their round`,
    );
    console.log(`    desk request sent → screen has the event:   ${spread(latency.fromSend)}`);
    console.log(
      `    desk has its answer → screen has the event: ${spread(latency.fromAnswer)} (negative: the screen was first)`,
    );
    console.log(`    deliveries missing: ${latency.missing}`);

    const cannonRows = await fireAt(
      server.baseUrl,
      await cannonTargets(quiet, day),
      CANNON_SECONDS,
      CANNON_CONNECTIONS,
    );
    printRouteTable('  read routes under autocannon (screens still connected):', cannonRows);

    const serverErrors = failuresOf(dayRows) + failuresOf(cannonRows);
    console.log(`  5xx and transport errors: ${serverErrors}; desk failures: ${outcome.failures.length}`);
    for (const sample of recorder.errorSamples) console.log(`    ${sample}`);
    for (const failure of outcome.failures.slice(0, 10)) console.log(`    ${failure}`);
    if (serverErrors > 0)
      for (const line of server.output.filter((l) => /"level":5\d/.test(l)).slice(-10))
        console.log(`    server: ${line.slice(0, 400)}`);
    return serverErrors === 0 && outcome.failures.length === 0;
  } finally {
    await Promise.all(screens.map((s) => s.close()));
    await server?.stop();
    await database.drop();
    console.log(`  wall time ${((performance.now() - wallStart) / 1000).toFixed(1)} s, setup and teardown included`);
  }
}
