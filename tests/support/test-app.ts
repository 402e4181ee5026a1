import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createStaff } from '../../src/auth/auth.service.js';
import type { AppDeps } from '../../src/deps.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { type Role, systemActor } from '../../src/shared/roles.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  runtime: Runtime;
  database: TestDatabase;
  /** Creates a staff account with one role and returns its session cookie header. */
  loginAs(role: Role, username?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** More configuration, e.g. a smaller upload limit. */
  env?: Record<string, string>;
  /** Builds the app from the runtime's deps; `buildApp` unless a test needs to watch it being built. */
  build?: (deps: AppDeps) => Promise<FastifyInstance>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // scrypt at 2^14 keeps the suite quick; production uses 2^17 (config default).
  const runtime = await openRuntime({ ...database.env, ANJU_SCRYPT_LOG_N: '14', ...options.env });
  const app = await (options.build ?? ((deps: AppDeps) => buildApp(deps)))(runtime.deps);
  let counter = 0;
  return {
    app,
    deps: runtime.deps,
    runtime,
    database,
    async loginAs(role, username) {
      counter += 1;
      const name = username ?? `${role}-${counter}`;
      await createStaff(runtime.deps, systemActor('test'), {
        username: name,
        password: TEST_PASSWORD,
        displayName: name,
        roles: [role],
        allProjects: true,
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return sessionCookie(res);
    },
    async close() {
      await app.close();
      await runtime.handle.close();
      await database.drop();
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'anju_session');
  if (!cookie) throw new Error('no session cookie');
  return `anju_session=${cookie.value}`;
}
