import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createStaff } from '../src/auth/auth.service.js';
import { FixedWindowLimiter } from '../src/http/rate-limit.js';
import { openRuntime } from '../src/runtime.js';
import { systemActor } from '../src/shared/roles.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-db.js';

const CHINESE = /[\u4e00-\u9fff]/;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('admin', 'root');
});
afterAll(async () => t.close());

const login = (username: string, password = TEST_PASSWORD, extra: { cookie?: string; ip?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: extra.ip ?? '10.9.0.1',
    headers: extra.cookie ? { cookie: extra.cookie } : {},
    payload: { username, password },
  });
const tokenOf = (res: Awaited<ReturnType<typeof login>>) =>
  res.cookies.find((c) => c.name === 'anju_session')?.value ?? '';
const me = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `anju_session=${token}` } });
const staffIdOf = async (username: string) =>
  (await t.deps.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('sessions', () => {
  it('never adopts a cookie brought to the login, planted or live, and ends the live one', async () => {
    await t.loginAs('reviewer', 'fixation');
    const first = tokenOf(await login('fixation'));
    expect((await me(first)).statusCode).toBe(200);
    const planted = await login('fixation', TEST_PASSWORD, { cookie: 'anju_session=attacker-chose-this-value' });
    expect(tokenOf(planted)).not.toBe('attacker-chose-this-value');
    expect((await me('attacker-chose-this-value')).statusCode).toBe(401);
    const again = await login('fixation', TEST_PASSWORD, { cookie: `anju_session=${first}` });
    expect(tokenOf(again)).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(tokenOf(again))).statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, path /, with an expiry', async () => {
    await t.loginAs('key_keeper', 'flags');
    const cookie = (await login('flags')).cookies.find((c) => c.name === 'anju_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.expires).toBeInstanceOf(Date);
    expect(tokenOf(await login('flags'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('revokes the session on the server at logout: the old token is refused afterwards', async () => {
    await t.loginAs('id_checker', 'leaver');
    const token = tokenOf(await login('leaver'));
    const sessionsOfLeaver = async () =>
      (
        await t.deps.db
          .selectFrom('sessions')
          .select('id')
          .where('staffId', '=', await staffIdOf('leaver'))
          .execute()
      ).length;
    const before = await sessionsOfLeaver();
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `anju_session=${token}` },
    });
    expect(out.statusCode).toBe(204);
    const after = await me(token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await sessionsOfLeaver()).toBe(before - 1);
  });

  it('ends every session of a deactivated account and of an account whose password changed', async () => {
    const deactivated = await t.loginAs('signing_clerk', 'deactivated');
    const changed = await t.loginAs('property_clerk', 'changed');
    const patch = (username: string, payload: object) =>
      staffIdOf(username).then((id) =>
        t.app.inject({ method: 'PATCH', url: `/api/staff/${id}`, headers: { cookie: admin }, payload }),
      );
    expect((await patch('deactivated', { active: false })).statusCode).toBe(200);
    expect((await patch('changed', { password: 'a-new-password-2026' })).statusCode).toBe(200);
    for (const cookie of [deactivated, changed]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await login('deactivated')).statusCode).toBe(401);
    expect((await login('changed')).statusCode).toBe(401);
    expect((await login('changed', 'a-new-password-2026')).statusCode).toBe(200);
  });
});

describe('login rate limits (failures only)', () => {
  it('delays guessing one username after five failures and one more, even with the right password, and leaves others alone', async () => {
    await t.loginAs('reviewer', 'guessed');
    await t.loginAs('reviewer', 'bystander');
    for (let i = 0; i < 6; i++) {
      expect((await login('guessed', `wrong-${i}`, { ip: `10.8.0.${i}` })).statusCode).toBe(401);
    }
    const delayed = await login('guessed', TEST_PASSWORD, { ip: '10.8.1.1' });
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(delayed.json<{ message: string }>().message).toMatch(CHINESE);
    expect(Number(delayed.headers['retry-after'])).toBe(1);
    expect(delayed.cookies.find((c) => c.name === 'anju_session')).toBeUndefined();
    expect((await login('GUESSED', TEST_PASSWORD, { ip: '10.8.1.2' })).statusCode).toBe(429);
    expect((await login('bystander', TEST_PASSWORD, { ip: '10.8.1.1' })).statusCode).toBe(200);
  });

  it('stops one address after thirty failures across usernames', async () => {
    await t.loginAs('reviewer', 'hall-pc');
    for (let i = 0; i < 30; i++) expect((await login(`nobody-${i}`, 'wrong', { ip: '10.7.0.1' })).statusCode).toBe(401);
    const blocked = await login('hall-pc', TEST_PASSWORD, { ip: '10.7.0.1' });
    expect(blocked.statusCode).toBe(429);
    expect((await login('hall-pc', TEST_PASSWORD, { ip: '10.7.0.2' })).statusCode).toBe(200);
  });

  it('never counts a successful login: thirty-one from one address all succeed', async () => {
    await t.loginAs('key_keeper', 'busy-desk');
    for (let i = 0; i < 31; i++)
      expect((await login('busy-desk', TEST_PASSWORD, { ip: '10.6.0.1' })).statusCode).toBe(200);
  });

  it('opens the window again once it has passed', () => {
    let now = Date.parse('2026-11-27T08:00:00Z');
    const limiter = new FixedWindowLimiter(2, 15 * 60_000, { now: () => new Date(now) });
    limiter.hit('k');
    limiter.hit('k');
    expect(limiter.blocked('k')).toBe(true);
    now += 15 * 60_000 - 1;
    expect(limiter.blocked('k')).toBe(true);
    now += 1;
    expect(limiter.blocked('k')).toBe(false);
  });
});

describe('behind HTTPS', () => {
  it('marks the cookie Secure when ANJU_COOKIE_SECURE is set, and sends HSTS when the public address is https', async () => {
    const database = await createTestDatabase();
    const runtime = await openRuntime({
      ...database.env,
      ANJU_SCRYPT_LOG_N: '14',
      ANJU_COOKIE_SECURE: 'true',
      ANJU_PUBLIC_URL: 'https://anju.example.gov.cn',
    });
    const app = await buildApp(runtime.deps);
    try {
      await createStaff(runtime.deps, systemActor('test'), {
        username: 'tls',
        password: TEST_PASSWORD,
        displayName: 'tls',
        roles: ['reviewer'],
        allProjects: true,
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://anju.example.gov.cn' },
        payload: { username: 'tls', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'anju_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await app.close();
      await runtime.handle.close();
      await database.drop();
    }
  });

  it('sends no HSTS over plain HTTP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
