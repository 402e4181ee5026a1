import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsFixture } from './support/agreements.js';
import { launchChromium, listen, newContext, PageErrors } from './support/browser.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** What only a real browser can tell: that it enforces our CSP and the pages still work under it. */
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let base: string;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
const errors = new PageErrors();

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 1);
  base = await listen(t);
  browser = await launchChromium();
  context = await newContext(browser, errors, base);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the CSP in a real browser', () => {
  it('renders the OpenAPI UI under its policy', async () => {
    const page = await context.newPage();
    await page.goto('/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Anju');
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
  });

  it('styles the printable pages from their hashed style block', async () => {
    const page = await context.newPage();
    await page.goto(`/public/verify/${fixture.agreements[0]?.number ?? ''}`);
    // The inline stylesheet sets the page width; refused, the body would keep the browser's default margin.
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('576px');
    await page.goto(`/public/rounds/${fixture.roundId}/notice`);
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('960px');
  });

  it('refuses an inline script in our pages, as the policy says', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    const violation = page.waitForEvent('console', {
      predicate: (m) => /Content Security Policy/.test(m.text()),
      timeout: 10_000,
    });
    await page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"document.title=1\">')");
    expect((await violation).text()).toContain("script-src 'self'");
    expect(await page.title()).not.toBe('1');
    errors.forgive(/Content Security Policy|Failed to load resource/);
  });

  it('logged no console or page errors (no CSP violation on any page opened above)', () => {
    expect(errors.messages).toEqual([]);
  });
});
