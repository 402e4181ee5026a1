import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('login and roles', () => {
  it('answers health without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('refuses an API call without a session with 401 and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/projects' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.json().message).toMatch(/登录/);
  });

  it('sets an HttpOnly SameSite session cookie on login and reports who is signed in', async () => {
    await t.loginAs('supervisor', 'sup1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sup1', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'anju_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `anju_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({ username: 'sup1', roles: ['supervisor'] });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sup1', password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('refuses a desk role on a supervisor route with 403', async () => {
    const cookie = await t.loginAs('key_keeper');
    const res = await t.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('ends the session on logout', async () => {
    const cookie = await t.loginAs('reviewer');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('lets an admin deactivate an account, which ends its sessions', async () => {
    const admin = await t.loginAs('admin');
    const cookie = await t.loginAs('reviewer', 'leaving');
    const list = await t.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: admin } });
    const id = list.json().find((s: { username: string }) => s.username === 'leaving').id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/staff/${id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const row = await t.deps.db
      .selectFrom('staff')
      .select('passwordHash')
      .where('username', '=', 'sup1')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^scrypt\$14\$8\$1\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });
});
