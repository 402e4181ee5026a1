import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo.service.js';
import type { BusLogger, EventBus, RoundEvent } from '../src/events/event-bus.js';
import { listenerApplicationName, PgEventBus } from '../src/events/pg-event-bus.js';
import { systemActor } from '../src/shared/roles.js';
import { call, type Node, openRaceCluster, type RaceCluster } from './support/races.js';
import { openScreen, type Screen } from './support/sse-client.js';

// The bus on its own: on PostgreSQL, this test process and a server process share a database and
// must hear each other; on SQLite, one process hears itself.
const WAIT_MS = 30_000;

let cluster: RaceCluster;
let node: Node;
let chief: string;
let roundId: string;
let flatId: string;
let householdId: string;
let screen: Screen;

/** Log lines a bus writes, kept for the assertions. */
function capturingLogger(lines: string[]): BusLogger {
  const keep = (level: string) => (details: object, message: string) =>
    void lines.push(`${level} ${message} ${JSON.stringify(details)}`);
  return { info: keep('info'), warn: keep('warn'), error: keep('error') };
}

function collect(bus: EventBus): RoundEvent[] {
  const seen: RoundEvent[] = [];
  bus.subscribe(roundId, (event) => seen.push(event));
  return seen;
}

async function until(condition: () => boolean, what: string, withinMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const marker = (status: string): RoundEvent => ({ type: 'round', roundId, status });
const markersOn = (s: Screen, status: string) => s.of('round').filter((e) => e.data.status === status).length;

beforeAll(async () => {
  cluster = await openRaceCluster();
  node = cluster.nodes[0] as Node;
  const { projectId } = await loadDemo(cluster.deps, systemActor('demo'));
  const household = await cluster.deps.db
    .selectFrom('households')
    .select('id')
    .where('projectId', '=', projectId)
    .where('compensationSignedAt', 'is not', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const flat = await cluster.deps.db
    .selectFrom('units')
    .select('id')
    .where('projectId', '=', projectId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  [householdId, flatId] = [household.id, flat.id];
  chief = await cluster.staff('supervisor', 'chief', node);
  const created = await call(node, chief, {
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    payload: {
      name: '事件总线',
      orderMethod: 'signing_time',
      rules: { maxExcessCenti: 100_000, maxShortfallCenti: null, priority: null },
      households: [{ householdId }],
      unitIds: [flatId],
    },
  });
  roundId = created.json<{ id: string }>().id;
  expect(
    (await call(node, chief, { method: 'POST', url: `/api/rounds/${roundId}/order`, payload: {} })).statusCode,
  ).toBe(200);
  screen = await openScreen(node.baseUrl, roundId);
}, 180_000);

afterAll(async () => {
  screen?.close();
  await cluster?.close();
});

const selectFlat = () =>
  call(node, chief, {
    method: 'POST',
    url: `/api/rounds/${roundId}/selections`,
    payload: { householdId, unitId: flatId },
  });

describe('round events reach every subscriber once', () => {
  it('delivers a published event to a screen and to a subscriber, each once, and survives a failing subscriber', async () => {
    const lines: string[] = [];
    cluster.deps.events.useLogger(capturingLogger(lines));
    const seen = collect(cluster.deps.events);
    const unsubscribe = cluster.deps.events.subscribe(roundId, () => {
      throw new Error('a broken screen');
    });
    cluster.deps.events.publish(marker('first'));
    await until(() => seen.length === 1 && markersOn(screen, 'first') === 1, 'the first marker');
    cluster.deps.events.publish(marker('second'));
    await until(() => seen.length === 2 && markersOn(screen, 'second') === 1, 'the second marker');
    unsubscribe();
    expect(seen.map((e) => (e.type === 'round' ? e.status : e.type))).toEqual(['first', 'second']);
    expect(markersOn(screen, 'first')).toBe(1);
    expect(lines.filter((l) => l.startsWith('error a round event subscriber failed'))).toHaveLength(2);
  });

  it('brings a selection made by the service to a subscriber of this process', async () => {
    const seen = collect(cluster.deps.events);
    const res = await selectFlat();
    expect(res.statusCode, res.body).toBe(201);
    await until(
      () =>
        seen.some((e) => e.type === 'unit' && e.unitId === flatId && e.status === 'allocated') &&
        seen.some((e) => e.type === 'turn'),
      'the unit and turn events',
    );
    await screen.waitUntil((events) => events.some((e) => e.event === 'unit'), WAIT_MS, 'the unit event');
  });
});

// SQLite serves one process; the cross-process half exists only where processes can share a database.
if (process.env.DATABASE_URL)
  describe('two processes over PostgreSQL LISTEN/NOTIFY', () => {
    const log: string[] = [];
    let probe: PgEventBus;
    beforeAll(async () => {
      probe = await PgEventBus.start({
        connectionString: cluster.database.env.DATABASE_URL ?? '',
        log: capturingLogger(log),
        retryFirstMs: 50,
        retryMaxMs: 1000,
      });
    });
    afterAll(async () => probe?.close());

    const terminateListenerOf = async (pid: number) =>
      (
        await sql<{
          ended: boolean;
        }>`select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = ${listenerApplicationName(pid)}`.execute(
          cluster.deps.db,
        )
      ).rows;

    it('runs the server as its own process, listening under its own name', async () => {
      const server = cluster.servers[0];
      expect(server?.pid).not.toBe(process.pid);
      const rows = await sql<{
        query: string;
      }>`select query from pg_stat_activity where application_name = ${listenerApplicationName(server?.pid ?? 0)}`.execute(
        cluster.deps.db,
      );
      expect(rows.rows.map((r) => r.query.toLowerCase())).toEqual([expect.stringContaining('listen')]);
    });

    it("reconnects the server's LISTEN connection after it is killed, and events reach its screens again", async () => {
      const server = cluster.servers[0];
      const snapshotsBefore = screen.of('snapshot').length;
      expect(await terminateListenerOf(server?.pid ?? 0)).toEqual([{ ended: true }]);
      await until(
        () => server?.output.some((l) => l.includes('event listener reconnected')) ?? false,
        'the reconnect log line',
      );
      expect(server?.output.some((l) => l.includes('event listener connection lost'))).toBe(true);
      // Events of the gap are lost: the screen is sent a fresh snapshot to reload from.
      await screen.waitUntil(
        (events) => events.filter((e) => e.event === 'snapshot').length > snapshotsBefore,
        WAIT_MS,
        'a snapshot after the reconnect',
      );
      probe.publish(marker('after server reconnect'));
      await screen.waitUntil(
        (events) => events.some((e) => e.event === 'round' && e.data.status === 'after server reconnect'),
        WAIT_MS,
        'the marker after reconnect',
      );
    });

    it("reconnects this process's LISTEN connection after it is killed, and the server's events reach it again", async () => {
      const seen = collect(probe);
      expect((await terminateListenerOf(process.pid)).length).toBeGreaterThanOrEqual(1);
      await until(() => log.some((l) => l.includes('event listener reconnected')), 'the reconnect log line');
      expect(log.some((l) => l.startsWith('warn event listener connection lost'))).toBe(true);
      const selection = (await selectFlat()).json<{ selectionId: string }>().selectionId;
      const undo = await call(node, chief, {
        method: 'POST',
        url: `/api/selections/${selection}/undo`,
        payload: { reason: '事件总线测试撤销' },
      });
      expect(undo.statusCode, undo.body).toBe(204);
      await until(
        () => seen.some((e) => e.type === 'unit' && e.status === 'available') && seen.some((e) => e.type === 'turn'),
        'the freed flat and the turn',
      );
    });

    it('refuses an event too big for NOTIFY with a log line, and keeps delivering the next ones', async () => {
      const seen = collect(probe);
      probe.publish({ type: 'unit', roundId, unitId: flatId, label: '大'.repeat(3000), status: 'allocated' });
      probe.publish(marker('after the big one'));
      // Only markers: the previous test's turn event may still be on its way.
      const markers = () => seen.filter((e) => e.type === 'round');
      await until(() => markers().length === 1, 'the marker after the big event');
      expect(markers()).toEqual([marker('after the big one')]);
      expect(log.some((l) => l.startsWith('error event too large for NOTIFY'))).toBe(true);
    });

    it('closes the listener with the server on SIGTERM', async () => {
      const server = cluster.servers[1];
      await server?.stop();
      expect(server?.output.some((l) => l.includes('shutting down'))).toBe(true);
      expect(server?.output.filter((l) => l.includes('"level":50'))).toEqual([]);
      const left = await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where application_name = ${listenerApplicationName(server?.pid ?? 0)}`.execute(
        cluster.deps.db,
      );
      expect(left.rows).toEqual([]);
    });
  });
