import { expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createStaff } from '../../src/auth/auth.service.js';
import type { AppDeps } from '../../src/deps.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { type Role, systemActor } from '../../src/shared/roles.js';
import {
  type Answer,
  type InjectOptions,
  inProcess,
  overHttp,
  type Requester,
  sessionCookieOf,
} from './http-client.js';
import { type ServerProcess, startServer } from './server-process.js';
import { openScreen, type Screen } from './sse-client.js';
import { TEST_PASSWORD } from './test-app.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

/** One service process the desks and screens talk to. */
export interface Node {
  name: string;
  requester: Requester;
  baseUrl: string;
}

/**
 * The service as the races meet it. SQLite: one in-process app, listening for the screens.
 * PostgreSQL: two real server processes on one fresh database. Either way `deps` is a runtime of
 * this test process on the same database, for seeding and for reading the outcome directly.
 */
export interface RaceCluster {
  kind: 'sqlite' | 'postgres';
  deps: AppDeps;
  nodes: Node[];
  servers: ServerProcess[];
  database: TestDatabase;
  /** A staff account with one role, logged in on `node`. */
  staff(role: Role, username: string, node: Node): Promise<string>;
  close(): Promise<void>;
}

export async function openRaceCluster(): Promise<RaceCluster> {
  const created = await createTestDatabase();
  // Every desk and screen of the races comes from one address, as no hall's would.
  const database = {
    ...created,
    env: { ...created.env, ANJU_MAX_STREAMS_PER_ADDRESS: '10000', ANJU_MAX_CONNECTIONS_PER_ADDRESS: '100000' },
  };
  // Migrations run here, before either server starts: the servers then find nothing to apply.
  const runtime: Runtime = await openRuntime({ ...database.env, ANJU_SCRYPT_LOG_N: '14' });
  const servers: ServerProcess[] = [];
  let nodes: Node[];
  let closeNodes: () => Promise<void>;
  if (database.kind === 'postgres') {
    // A slow start on a loaded machine is no failure; a server left running after one is.
    const starts = await Promise.allSettled([1, 2].map(() => startServer({ env: database.env, timeoutMs: 180_000 })));
    for (const start of starts) if (start.status === 'fulfilled') servers.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) {
      await Promise.all(servers.map((s) => s.stop()));
      await runtime.handle.close();
      await database.drop();
      throw failed.reason;
    }
    nodes = servers.map((s, i) => ({
      name: `process ${i + 1} (pid ${s.pid})`,
      requester: overHttp(s.baseUrl),
      baseUrl: s.baseUrl,
    }));
    closeNodes = async () => {
      await Promise.all(servers.map((s) => s.stop()));
    };
  } else {
    const app = await buildApp(runtime.deps);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    nodes = [{ name: 'in-process app', requester: inProcess(app), baseUrl }];
    closeNodes = () => app.close();
  }
  return {
    kind: database.kind,
    deps: runtime.deps,
    nodes,
    servers,
    database,
    async staff(role, username, node) {
      await createStaff(runtime.deps, systemActor('test'), {
        username,
        password: TEST_PASSWORD,
        displayName: username,
        roles: [role],
        allProjects: true,
      });
      const res = await node.requester.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      return sessionCookieOf(res);
    },
    async close() {
      await closeNodes();
      await runtime.handle.close();
      await database.drop();
    },
  };
}

/** Desk i talks to node i mod n: with two processes, desks 0,2,4,6 to one and 1,3,5,7 to the other. */
export const nodeOfDesk = (cluster: RaceCluster, desk: number): Node =>
  cluster.nodes[desk % cluster.nodes.length] as Node;

export async function call(
  node: Node,
  cookie: string,
  options: Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> },
): Promise<Answer> {
  return node.requester.inject({ ...options, headers: { cookie, ...options.headers } });
}

/** Screens for every round on every node, opened before the races so they see all of them. */
export async function openScreens(cluster: RaceCluster, roundIds: readonly string[]): Promise<Map<string, Screen[]>> {
  const screens = new Map<string, Screen[]>();
  for (const roundId of roundIds)
    screens.set(roundId, await Promise.all(cluster.nodes.map((n) => openScreen(n.baseUrl, roundId))));
  return screens;
}

export interface ErrorAnswer {
  code: string;
  message: string;
}

export const CHINESE = /[\u4e00-\u9fff]/;

/** What the desks were answered over all races: the figures each race test prints. */
export class RaceTally {
  races = 0;
  winners = 0;
  repeated = 0;
  serverErrors = 0;
  readonly refusals = new Map<string, number>();
  readonly unexpected: string[] = [];
  private started = Date.now();

  /** Wall time counts from here: the races, not the setup. */
  begin(): void {
    this.started = Date.now();
  }

  /** Counts one race's answers; returns the winning answer (or undefined when none won). */
  record(answers: readonly Answer[], allowedCodes: readonly string[]): Answer | undefined {
    this.races += 1;
    const wins = answers.filter((a) => a.statusCode === 201);
    this.winners += wins.length;
    for (const a of answers) {
      if (a.statusCode >= 500) this.serverErrors += 1;
      if (a.statusCode === 200) this.repeated += 1;
      if (a.statusCode !== 409) continue;
      const body = a.json<ErrorAnswer>();
      this.refusals.set(body.code, (this.refusals.get(body.code) ?? 0) + 1);
      if (!allowedCodes.includes(body.code) || !CHINESE.test(body.message))
        this.unexpected.push(`race ${this.races}: ${a.body}`);
    }
    if (wins.length !== 1)
      this.unexpected.push(
        `race ${this.races}: ${wins.length} winners (${answers.map((a) => a.statusCode).join(',')})`,
      );
    for (const a of answers.filter((x) => ![200, 201, 409].includes(x.statusCode)))
      this.unexpected.push(`race ${this.races}: ${a.statusCode} ${a.body}`);
    return wins[0];
  }

  print(title: string, extra: Record<string, unknown> = {}): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const refusals = [...this.refusals].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    console.log(
      `[races] ${title}: ${this.races} races, ${this.winners} winners, 200 repeated ${this.repeated}, 409 by code: ${refusals}, 5xx ${this.serverErrors}, wall ${seconds} s` +
        Object.entries(extra)
          .map(([k, v]) => `, ${k} ${String(v)}`)
          .join(''),
    );
  }
}

/** Screens of every node must have seen the same events of a round in the same order. */
export function expectSameOrderEverywhere(screens: readonly Screen[], types: readonly string[]): void {
  const sequence = (s: Screen) => s.events.filter((e) => types.includes(e.event)).map((e) => JSON.stringify(e.data));
  const [first, ...others] = screens;
  if (!first) return;
  for (const other of others) expect(sequence(other)).toEqual(sequence(first));
}
