import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/http/access.js';
import { hasAnyRole, type Role, roles } from '../src/shared/roles.js';
import { type Allowed, type RouteRow, routeTable, sampleUrl } from './support/route-table.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const CHINESE = /[\u4e00-\u9fff]/;
const key = (method: string, url: string) => `${method} ${url}`;

/** The roles a declared rule lets through, admin included the way hasAnyRole counts it. */
function effective(access: Access): Allowed {
  if (access === 'public') return 'public';
  if (access === 'session') return roles;
  return roles.filter((r) => hasAnyRole({ id: null, name: r, roles: [r] }, access));
}

const sameAllowed = (a: Allowed, b: Allowed) =>
  a === 'public' || b === 'public' ? a === b : [...a].sort().join() === [...b].sort().join();

describe('access matrix: every route × anonymous and every role', () => {
  let t: TestApp;
  const sessions = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of roles) sessions.set(role, await t.loginAs(role));
  });
  afterAll(async () => t?.close());

  it('has one table row for every registered route and no row for a route that does not exist', () => {
    const registered = new Map(
      t.app.accessRules.filter((r) => r.method !== 'HEAD').map((r) => [key(r.method, r.url), r.access]),
    );
    const listed = new Map(routeTable.map((row) => [key(row.method, row.url), row]));
    expect(
      [...registered.keys()].filter((k) => !listed.has(k)),
      'routes missing from tests/support/route-table.ts',
    ).toEqual([]);
    expect(
      [...listed.keys()].filter((k) => !registered.has(k)),
      'table rows without a route',
    ).toEqual([]);
    expect(listed.size).toBe(routeTable.length);
    for (const [k, access] of registered) {
      const row = listed.get(k) as RouteRow;
      // A staff page checks its roles itself, so its declared rule is public.
      const declared = row.page ? 'public' : row.allowed;
      expect(effective(access), `${k} declares ${JSON.stringify(access)}`).toSatisfy((a: Allowed) =>
        sameAllowed(a, declared),
      );
    }
  });

  async function call(row: RouteRow, cookie: string | undefined) {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const payload = row.method === 'GET' ? undefined : {};
    return t.app.inject({ method: row.method, url: sampleUrl(row), headers, ...(payload ? { payload } : {}) });
  }

  function expectErrorShape(where: string, res: Awaited<ReturnType<typeof call>>) {
    if (res.statusCode < 400) return;
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/html')) {
      expect(res.body, `${where}: HTML error page in Chinese`).toMatch(CHINESE);
      return;
    }
    const body = res.json<{ code?: unknown; message?: unknown }>();
    expect(typeof body.code, `${where}: ${res.body}`).toBe('string');
    expect(String(body.message), `${where}: Chinese message`).toMatch(CHINESE);
  }

  it('answers anonymous callers: public routes work, API routes 401, staff pages send to /login', async () => {
    const seen: string[] = [];
    for (const row of routeTable) {
      const where = `anonymous ${row.method} ${sampleUrl(row)}`;
      const res = await call(row, undefined);
      seen.push(`${res.statusCode} ${where}`);
      expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.headers['x-content-type-options'], where).toBe('nosniff');
      if (row.allowed === 'public') expect([401, 403], where).not.toContain(res.statusCode);
      else if (row.page) {
        expect(res.statusCode, where).toBe(302);
        expect(String(res.headers.location), where).toMatch(/^\/login\?next=/);
      } else {
        expect(res.statusCode, where).toBe(401);
        expect(res.json<{ code: string }>().code, where).toBe('UNAUTHENTICATED');
      }
      expectErrorShape(where, res);
    }
    expect(seen).toHaveLength(routeTable.length);
  });

  it.each(roles)('lets %s through exactly where the table says, and answers every refusal with 403', async (role) => {
    for (const row of routeTable) {
      const where = `${role} ${row.method} ${sampleUrl(row)}`;
      // Logging out ends the session it is called with: spend a separate one on it.
      const cookie = row.url === '/api/auth/logout' ? await t.loginAs(role) : sessions.get(role);
      const res = await call(row, cookie);
      expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      const allowed = row.allowed === 'public' || row.allowed.includes(role);
      if (allowed) expect([401, 403], `${where}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
      else {
        expect(res.statusCode, where).toBe(403);
        if (!row.page) expect(res.json<{ code: string }>().code, where).toBe('FORBIDDEN');
        else expect(res.body, where).toContain('无权访问');
      }
      expectErrorShape(where, res);
    }
  });
});
