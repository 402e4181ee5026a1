import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages, stageTable } from '../../src/checkin/stages.js';
import type { Role } from '../../src/shared/roles.js';
import { agreementsFixture } from '../support/agreements.js';
import { axeViolations } from '../support/axe.js';
import { addSession, launchChromium, listen, newContext, PageErrors, PHONE, screenshot } from '../support/browser.js';
import { routeTable } from '../support/route-table.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * axe-core over every HTML page the app serves, taken from the route table so a new page is
 * checked without touching this file: no WCAG 2 A/AA violation of impact serious or critical.
 */
// axe is injected as a script the pages' CSP (script-src 'self') would refuse.
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, bypassCSP: true };
/** Not pages: the API, docs, files, and the live event stream (inject would wait on it forever). */
const NOT_PAGES = /^\/(api|docs|static|health|favicon)|\/events$/;

let t: TestApp;
let browser: Browser;
let base: string;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
let workflowId = '';
let householdId = '';
const errors = new PageErrors();

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 2);
  const post = (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: fixture.supervisor }, ...(payload ? { payload } : {}) });
  await post(`/api/rounds/${fixture.roundId}/batches`, { number: 1 });
  for (const agreement of fixture.agreements) {
    const code = await t.deps.db
      .selectFrom('households')
      .select(['code'])
      .where('id', '=', agreement.householdId)
      .executeTakeFirstOrThrow();
    const arrived = await post(`/api/rounds/${fixture.roundId}/arrivals`, { by: 'code', value: code.code });
    expect(arrived.statusCode).toBe(200);
    workflowId ||= arrived.json().workflowId;
  }
  householdId = fixture.agreements[0]?.householdId ?? '';
  base = await listen(t);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A route's URL with its parameters filled from the fixture; desk routes expand to every stage. */
function urlsOf(url: string): string[] {
  if (url.includes(':stage')) return stages.map((stage) => url.replace(':stage', stage));
  const filled = url
    .replace('/door/tickets/:id', `/door/tickets/${workflowId}`)
    .replace(':roundId', fixture.roundId)
    .replace(':id', fixture.roundId)
    .replace(':number', fixture.agreements[0]?.number ?? '');
  if (filled === '/supervisor/household') return [`${filled}?id=${householdId}`];
  return [filled];
}

/** Every GET route that answers an HTML page, with whether it needs a staff session. */
async function htmlPages(): Promise<{ url: string; staff: boolean }[]> {
  const admin = await t.loginAs('admin');
  const pages: { url: string; staff: boolean }[] = [];
  for (const row of routeTable) {
    if (row.method !== 'GET' || NOT_PAGES.test(row.url)) continue;
    const staff = row.allowed !== 'public';
    for (const url of urlsOf(row.url)) {
      const res = await t.app.inject({ method: 'GET', url, headers: staff ? { cookie: admin } : {} });
      if (String(res.headers['content-type']).startsWith('text/html')) pages.push({ url, staff });
    }
  }
  return pages;
}

/** Opens `url` in a fresh context (signed in as `role` when given) and returns axe's serious findings. */
async function check(url: string, role: Role | null, options: BrowserContextOptions, name: string): Promise<string[]> {
  const context = await newContext(browser, errors, base, { ...options, bypassCSP: true });
  if (role) await addSession(context, base, await t.loginAs(role));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const found = await axeViolations(page);
  await screenshot(page, `a11y-${name}`);
  await context.close();
  return found;
}

const slug = (url: string) =>
  url
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'home';

describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  it('finds no serious or critical violation on any page, staff pages as admin, public ones also on a phone', async () => {
    const pages = await htmlPages();
    expect(pages.length).toBeGreaterThan(15);
    const found: string[] = [];
    for (const { url, staff } of pages) {
      found.push(...(await check(url, staff ? 'admin' : null, DESKTOP, slug(url))));
      if (!staff) found.push(...(await check(url, null, PHONE, `${slug(url)}-phone`)));
    }
    // The app's HTML 404 page; an unknown URL answers the API's JSON 404, which is not a page.
    found.push(...(await check('/door/tickets/no-such-id', 'admin', DESKTOP, 'not-found')));
    found.push(...(await check('/admin/staff', 'key_keeper', DESKTOP, 'refused')));
    expect(found.join('\n')).toBe('');
    errors.forgive(/no-such-id.*status of 404/);
    errors.forgive(/admin\/staff.*status of 403/);
    expect(errors.messages).toEqual([]);
  }, 480_000);

  it('finds none on each desk signed in to a window with a household called, as the desk role', async () => {
    const found: string[] = [];
    for (const stage of stages) {
      const context = await newContext(browser, errors, base, DESKTOP);
      await addSession(context, base, await t.loginAs(stageTable[stage].role));
      const page = await context.newPage();
      await page.goto(`/desk/${stage}`);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.getByLabel('窗口号').fill('1号窗口');
      await page.getByRole('button', { name: '登录窗口' }).click();
      await page.locator('#message.ok').waitFor();
      await page.getByRole('button', { name: '叫下一位' }).click();
      await page.waitForTimeout(600);
      found.push(...(await axeViolations(page)));
      await screenshot(page, `a11y-desk-${stage}-called`);
      await context.close();
    }
    expect(found.join('\n')).toBe('');
    expect(errors.messages).toEqual([]);
  }, 120_000);
});
