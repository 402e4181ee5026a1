import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectBody } from './support/fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

const CHINESE = /[\u4e00-\u9fff]/;
let t: TestApp;
let supervisor: string;

beforeAll(async () => {
  t = await createTestApp();
  supervisor = await t.loginAs('supervisor', 'csrf-chief');
});
afterAll(async () => t.close());

const projectCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const body = (code: string) => JSON.stringify(projectBody(code));
const createProject = (headers: Record<string, string>, payload: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/projects',
    headers: { cookie: supervisor, 'content-type': 'application/json', ...headers },
    payload,
  });

function expectRefused(res: Awaited<ReturnType<typeof createProject>>) {
  expect(res.statusCode, res.body).toBe(403);
  expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
  expect(res.json<{ message: string }>().message).toMatch(CHINESE);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

describe('cross-site requests', () => {
  it('refuses a cookie-carrying POST from another origin, a null origin or a cross-site fetch, and changes nothing', async () => {
    const before = await projectCount();
    expectRefused(await createProject({ origin: 'https://evil.example' }, body('EVA')));
    expectRefused(await createProject({ origin: 'null' }, body('EVB')));
    expectRefused(await createProject({ origin: 'http://localhost:80.evil.example' }, body('EVC')));
    expectRefused(await createProject({ 'sec-fetch-site': 'cross-site' }, body('EVD')));
    expectRefused(await createProject({ 'sec-fetch-site': 'same-site' }, body('EVE')));
    expect(await projectCount()).toBe(before);
  });

  it('refuses the body types an HTML form can send cross-site on JSON routes, whatever the headers say', async () => {
    const before = await projectCount();
    expectRefused(await createProject({ 'content-type': 'text/plain' }, body('EVF')));
    expectRefused(await createProject({ 'content-type': 'application/x-www-form-urlencoded' }, 'code=EVG&name=x'));
    expectRefused(await createProject({ 'content-type': 'multipart/form-data; boundary=x' }, '--x--'));
    // A JSON route that takes no body at all is the classic target of a text/plain form.
    const draw = await t.app.inject({
      method: 'POST',
      url: '/api/rounds/no-such-id/draw',
      headers: { cookie: supervisor, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expectRefused(draw);
    expect(await projectCount()).toBe(before);
  });

  it('lets the pages’ own same-origin requests through, and tools that send no Origin at all', async () => {
    const before = await projectCount();
    // app.inject's Host is localhost:80; a browser on the same origin says so in Origin and Sec-Fetch-Site.
    expect(
      (await createProject({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }, body('OKA'))).statusCode,
    ).toBe(201);
    expect((await createProject({}, body('OKB'))).statusCode).toBe(201);
    // Behind a reverse proxy the Host may differ; the configured public address is the site's own origin too.
    const publicOrigin = new URL(t.deps.config.ANJU_PUBLIC_URL).origin;
    expect((await createProject({ origin: publicOrigin, host: 'internal:3000' }, body('OKC'))).statusCode).toBe(201);
    expect(await projectCount()).toBe(before + 3);
  });

  it('guards the login too (no login CSRF), but never a safe GET', async () => {
    await t.loginAs('reviewer', 'csrf-login');
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'csrf-login', password: TEST_PASSWORD },
    });
    expectRefused(cross);
    expect(cross.cookies).toHaveLength(0);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/projects',
      headers: { cookie: supervisor, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('still takes the resident form (urlencoded) from the site itself, and refuses it from elsewhere', async () => {
    const form = (origin: string) =>
      t.app.inject({
        method: 'POST',
        url: '/public/agreements/download',
        remoteAddress: '10.5.0.1',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: 'number=FJW-2026-9999&idSuffix=000000',
      });
    const own = await form('http://localhost:80');
    expect(own.statusCode).toBe(404);
    expect(own.body).toContain('协议编号或身份证号后六位不正确');
    expectRefused(await form('https://evil.example'));
    // A browser that blanks the Origin of its own form post still says same-origin in Sec-Fetch-Site.
    const blanked = await t.app.inject({
      method: 'POST',
      url: '/public/agreements/download',
      remoteAddress: '10.5.0.2',
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'number=FJW-2026-9999&idSuffix=000000',
    });
    expect(blanked.statusCode).toBe(404);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/public/verify/FJW-2026-0001/file',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expectRefused(plain);
  });
});
