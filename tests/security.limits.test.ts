import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticePdfCache } from '../src/agreements/notice-pdf-cache.js';
import type { DrawNotice } from '../src/allocation/draw-notice.js';
import { agreementsFixture } from './support/agreements.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Bodies, nesting, the verify page and the notice PDF: limits an anonymous crowd cannot push past. */
let t: TestApp;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
let admin: string;
const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestApp({ env: { ANJU_VERIFY_PER_ADDRESS: '6' } });
  fixture = await agreementsFixture(t, 2);
  admin = await t.loginAs('admin');
});
afterAll(async () => t.close());

const raw = (url: string, body: string, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: body,
  });

describe('request bodies', () => {
  it('refuses JSON nested deeper than any the API takes with a Chinese 400, not a 500', async () => {
    const deep = await raw('/api/projects', '['.repeat(100_000) + ']'.repeat(100_000), admin);
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body',
      message: expect.stringContaining('嵌套过深'),
    });
    const object = await raw('/api/projects', `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, admin);
    expect(object.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
  });

  it('keeps login bodies to a few kilobytes and other JSON to the configured limit, in Chinese', async () => {
    const login = await raw('/api/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(12_600_000) }));
    expect(login.statusCode).toBe(413);
    expect(login.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(chinese) });
    const big = await raw('/api/projects', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), admin);
    expect(big.statusCode).toBe(413);
    expect(
      (await raw('/api/auth/login', JSON.stringify({ username: 'nobody', password: 'wrong-password' }))).statusCode,
    ).toBe(401);
  });
});

describe('the verify page', () => {
  it('takes only the full QR code, and limits how often one address asks', async () => {
    const [first] = fixture.agreements;
    const row = await t.deps.db
      .selectFrom('agreements')
      .select(['contentHash'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    const hash = row.contentHash ?? '';
    const verify = (c: string, ip = '10.50.0.1') =>
      t.app.inject({ method: 'GET', url: `/public/verify/${first?.number}/json?c=${c}`, remoteAddress: ip });
    // Agreements numbered without their PDF have no facts' hash; the code check needs one.
    if (hash) expect((await verify(hash.slice(0, 16))).json()).toMatchObject({ contentMatches: true });
    const short = await verify((hash || 'abcdef0123456789').slice(0, 8));
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(chinese) });
    for (let i = 0; i < 6; i++) expect((await verify('0123456789abcdef', '10.50.0.9')).statusCode).toBe(200);
    const limited = await verify('0123456789abcdef', '10.50.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(chinese) });
    expect((await verify('0123456789abcdef', '10.50.0.2')).statusCode).toBe(200);
  });
});

describe('the draw notice PDF', () => {
  const notice = (round: string) => ({ round: { id: round } }) as unknown as DrawNotice;

  it('renders once per notice content however many ask at once, and again after a failure', async () => {
    let calls = 0;
    let failures = 0;
    const cache = new NoticePdfCache(2, async (n) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (n.round.id === 'fails' && failures++ === 0) throw new Error('render failed');
      return Buffer.from(`pdf of ${n.round.id}`);
    });
    const pdfs = await Promise.all(Array.from({ length: 50 }, () => cache.pdfFor(notice('r1'))));
    expect(new Set(pdfs.map((p) => p.toString())).size).toBe(1);
    expect(calls).toBe(1);
    await cache.pdfFor(notice('r2'));
    await cache.pdfFor(notice('r1'));
    expect(calls).toBe(2);
    await cache.pdfFor(notice('r3'));
    await cache.pdfFor(notice('r2'));
    expect(calls).toBe(4);
    await expect(cache.pdfFor(notice('fails'))).rejects.toThrow('render failed');
    expect((await cache.pdfFor(notice('fails'))).toString()).toBe('pdf of fails');
  });

  it('serves the same bytes to a crowd over HTTP', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({ method: 'GET', url: `/public/rounds/${fixture.roundId}/notice.pdf` }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.rawPayload.toString('base64'))).size).toBe(1);
  });
});
