import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsFixture } from './support/agreements.js';
import { routeTable } from './support/route-table.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let admin: string;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 1);
  admin = await t.loginAs('admin', 'headers-admin');
});
afterAll(async () => t.close());

/** Every GET route with real parameters, so the pages render with data rather than their not-found form. */
function realUrls(): string[] {
  const number = fixture.agreements[0]?.number ?? '';
  return routeTable
    .filter((row) => row.method === 'GET')
    .map((row) =>
      (row.sample ?? row.url)
        .replace(':roundId', fixture.roundId)
        .replace(':number', number)
        .replace(':id', fixture.roundId),
    )
    .filter((url) => !url.includes('/events'));
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

function expectFixedHeaders(where: string, headers: Record<string, unknown>) {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(String(headers['permissions-policy']), where).toContain('camera=()');
  expect(directives(String(headers['content-security-policy'])).get('frame-ancestors'), where).toEqual(["'none'"]);
}

describe('security headers', () => {
  it('sends the fixed headers and a CSP on every answer: pages, API, files, docs and errors, with or without a session', async () => {
    const urls = [...realUrls(), '/no-such-page', '/api/no-such-api', '/api/projects', '/api/staff/%ZZ'];
    let answers = 0;
    for (const cookie of [undefined, admin]) {
      for (const url of urls) {
        const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
        expectFixedHeaders(`${res.statusCode} GET ${url}`, res.headers);
        answers += 1;
      }
    }
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { cookie: admin },
      payload: { code: 'x' },
    });
    expect(refused.statusCode).toBe(400);
    expectFixedHeaders('400 POST /api/projects', refused.headers);
    expect(answers).toBeGreaterThan(100);
  });

  it('serves pages that satisfy their CSP: scripts only from /static, no inline handlers, style attributes or style blocks', async () => {
    const pages: string[] = [];
    for (const url of realUrls().filter((u) => !u.startsWith('/docs'))) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      pages.push(url);
      const policy = directives(String(res.headers['content-security-policy']));
      expect(policy.get('script-src'), url).toEqual(["'self'"]);
      expect(policy.get('default-src'), url).toEqual(["'none'"]);
      expect(policy.get('style-src'), url).not.toContain("'unsafe-inline'");
      expect(res.body, `${url}: inline script`).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, `${url}: event handler attribute`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(res.body, `${url}: style attribute`).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(policy.get('style-src'), url).toEqual(["'self'"]);
      expect(res.body, `${url}: inline style block`).not.toMatch(/<style[\s>]/);
    }
    expect(pages).toEqual(
      expect.arrayContaining([
        '/login',
        '/supervisor',
        '/admin/staff',
        `/hall/${fixture.roundId}`,
        `/gongshi/${fixture.roundId}`,
        '/public/agreements',
      ]),
    );
  });

  it('keeps the browser scripts free of what the CSP refuses: style attributes, inline handlers, eval', () => {
    const dir = resolve(import.meta.dirname, '..', 'src', 'web', 'static');
    const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(10);
    for (const file of scripts) {
      const source = readFileSync(resolve(dir, file), 'utf8');
      expect(source, file).not.toMatch(/\sstyle=["'$]/);
      expect(source, file).not.toMatch(/\son[a-z]+=["'$]/);
      expect(source, file).not.toMatch(/\beval\(|new Function\(|setAttribute\(\s*['"](style|on)/);
    }
  });

  it('gives the OpenAPI UI its own looser policy, still unframeable and with scripts from itself only', async () => {
    const moved = await t.app.inject({ method: 'GET', url: '/docs' });
    const index =
      moved.statusCode === 200 ? moved : await t.app.inject({ method: 'GET', url: String(moved.headers.location) });
    expect(index.statusCode, String(moved.headers.location)).toBe(200);
    expect(index.body).toContain('swagger-ui');
    const policy = directives(String(index.headers['content-security-policy']));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(index.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('sends the fixed headers on the live event stream too, which writes its own head', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/public/rounds/${fixture.roundId}/events`, {
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    abort.abort();
  });

  it('forbids caching of anything session-bound or personal, and leaves the assets their own rule', async () => {
    const number = fixture.agreements[0]?.number ?? '';
    const cacheOf = async (url: string, cookie?: string) =>
      (await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })).headers['cache-control'];
    expect(await cacheOf('/api/auth/me', admin)).toBe('no-store');
    expect(await cacheOf(`/api/rounds/${fixture.roundId}/queue`, admin)).toBe('no-store');
    expect(await cacheOf('/supervisor', admin)).toBe('no-store');
    expect(await cacheOf(`/public/verify/${number}`)).toBe('no-store');
    expect(await cacheOf(`/public/verify/${number}/json`)).toBe('no-store');
    expect(await cacheOf('/api/auth/me')).toBe('no-store');
    expect(await cacheOf('/static/app.css', admin)).toBe('no-cache');
  });
});
