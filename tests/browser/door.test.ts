import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../src/shared/masking.js';
import {
  addSession,
  launchChromium,
  listen,
  newContext,
  overflowsSideways,
  PageErrors,
  screenshot,
} from '../support/browser.js';
import { createRound, type Demo, getQueue, loadDemoProject } from '../support/rounds.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The door (签到处) in a browser: lower-case 户号, the head's name, the arrivals list, open batches after a reload, the ticket. */
let t: TestApp;
let browser: Browser;
let base: string;
let demo: Demo;
let supervisor: string;
let roundId: string;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  roundId = (
    await createRound(t, supervisor, demo.projectId, {
      name: '分房日',
      orderMethod: 'lottery',
      rules: { maxExcessCenti: 4000, batchSize: 12 },
    })
  ).id;
  const post = (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });
  await post(`/api/rounds/${roundId}/commitment`);
  expect((await post(`/api/rounds/${roundId}/draw`, { publicValue: '11 27 2026' })).statusCode).toBe(200);
  base = await listen(t);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

/** The first households in selection order. */
async function firstInOrder(count: number) {
  const queue = await getQueue(t, supervisor, roundId);
  return queue.waiting.slice(0, count).map((w) => demo.households.find((h) => h.id === w.householdId));
}

describe('the door page', () => {
  let firstWorkflowId = '';

  it('opens a batch, signs in a lower-case 户号 showing the head, lists arrivals newest first, keeps both on reload', async () => {
    const [first, second] = await firstInOrder(2);
    if (!first || !second) throw new Error('no households');
    const context = await newContext(browser, errors, base, { viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    await addSession(context, base, supervisor);
    const page = await context.newPage();
    await page.goto('/door');
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#open-batches').textContent()).toBe('尚未开放叫号的批次');

    await page.locator('#batch-number').fill('1');
    await page.locator('#open-batch').click();
    await page.getByText('已开放批次：第 1 批').waitFor();

    await page.locator('#arrival-value').fill(` ${first.code.toLowerCase()} `);
    await page.locator('#arrive').click();
    await page.locator('#arrival-result:not([hidden])').waitFor();
    expect(await page.locator('#arrival-head').textContent()).toBe(first.headName);
    expect(await page.locator('#arrival-position').textContent()).toBe('1');
    expect(await page.locator('#arrival-result').textContent()).toContain('第 1 批');
    await page.locator('#arrival-list tbody tr').first().waitFor();
    expect(await page.locator('#arrival-list tbody tr').count()).toBe(1);
    const ticketLink = page.locator('#arrival-result a', { hasText: '58 mm' });
    firstWorkflowId = decodeURIComponent(
      /tickets\/([^?]+)/.exec((await ticketLink.getAttribute('href')) ?? '')?.[1] ?? '',
    );
    expect(firstWorkflowId).not.toBe('');

    await page.locator('#arrival-value').fill(second.code.toLowerCase());
    await page.locator('#arrive').click();
    await page.locator('#arrival-head', { hasText: second.headName }).waitFor();
    await page.waitForFunction("document.querySelectorAll('#arrival-list tbody tr').length === 2");
    const rows = page.locator('#arrival-list tbody tr');
    expect(await rows.nth(0).textContent()).toContain(second.code);
    expect(await rows.nth(0).textContent()).toContain(second.headName);
    expect(await rows.nth(1).textContent()).toContain(first.code);
    expect(await page.locator('#arrival-count').textContent()).toMatch(/^2 \/ \d+ 户$/);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'door-1-two-arrivals', true);

    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#open-batches').textContent()).toBe('已开放批次：第 1 批');
    expect(await page.locator('#arrival-list tbody tr').count()).toBe(2);
    await screenshot(page, 'door-2-after-reload');
    expect(errors.messages).toEqual([]);
  });

  it('prints a queue ticket on 58 mm paper: number, masked name and QR, nothing wider than the paper', async () => {
    const [first] = await firstInOrder(1);
    if (!first || !firstWorkflowId) throw new Error('no arrival');
    // 58 mm at 96 px per inch is 219 px: the receipt printer's whole width.
    const context = await newContext(browser, errors, base, { viewport: { width: 219, height: 500 } });
    contexts.push(context);
    await addSession(context, base, await t.loginAs('reviewer'));
    const page = await context.newPage();
    await page.goto(`/door/tickets/${encodeURIComponent(firstWorkflowId)}?paper=58`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#ticket-number').textContent()).toBe('第 1 号');
    expect(await page.locator('#ticket-name').textContent()).toBe(maskName(first.headName));
    expect(await page.locator('#ticket').textContent()).toContain(first.code);
    expect(await page.locator('#ticket').textContent()).toContain('第 1 批');
    const qr = await page.locator('svg.qr').boundingBox();
    expect(qr?.width ?? 0).toBeGreaterThan(100);
    // Every element inside the ticket stays within it, and none scrolls its own content sideways.
    const layout = await page.evaluate<{ width: number; wider: string[] }>(`(() => {
      const ticket = document.getElementById('ticket');
      const box = ticket.getBoundingClientRect();
      const wider = [...ticket.querySelectorAll('*')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 || el.scrollWidth > el.clientWidth + 1;
      });
      return { width: box.width, wider: wider.map((el) => el.outerHTML.slice(0, 80)) };
    })()`);
    expect(layout.width).toBeLessThanOrEqual(220);
    expect(layout.wider).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'door-3-ticket-58mm', true);
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    // The @page size reaches the printer: 58 mm is 164.4 pt (Chromium rounds it to whole pixels).
    const [, width = '0', height = '0'] = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf) ?? [];
    expect(Number(width)).toBeGreaterThan(163);
    expect(Number(width)).toBeLessThan(165);
    expect(Number(height)).toBeGreaterThan(Number(width));
    expect(errors.messages).toEqual([]);
  });

  it('fits the ticket on 80 mm paper and on A6 too', async () => {
    const context = await newContext(browser, errors, base, { viewport: { width: 420, height: 700 } });
    contexts.push(context);
    await addSession(context, base, supervisor);
    const page = await context.newPage();
    for (const [paper, widthMm] of [
      ['80', 80],
      ['a6', 105],
    ] as const) {
      await page.goto(`/door/tickets/${encodeURIComponent(firstWorkflowId)}?paper=${paper}`);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#ticket-number').textContent()).toBe('第 1 号');
      const box = await page.locator('#ticket').boundingBox();
      expect(Math.abs((box?.width ?? 0) - (widthMm * 96) / 25.4)).toBeLessThan(2);
      expect(await overflowsSideways(page)).toBe(false);
      await screenshot(page, `door-4-ticket-${paper}`, true);
      await page.emulateMedia({ media: 'screen' });
    }
    expect(errors.messages).toEqual([]);
  });

  it('lets a desk role sign in at the door without the batch form; the rounds page links to the door', async () => {
    const [, , third] = await firstInOrder(3);
    if (!third) throw new Error('no household');
    const context = await newContext(browser, errors, base, { viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    await addSession(context, base, await t.loginAs('id_checker'));
    const page = await context.newPage();
    await page.goto('/door');
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#batch-form').count()).toBe(0);
    expect(await page.locator('#open-batches').textContent()).toBe('已开放批次：第 1 批');
    await page.locator('#arrival-value').fill(third.code.toLowerCase());
    await page.locator('#arrive').click();
    await page.locator('#arrival-head', { hasText: third.headName }).waitFor();
    await page.waitForFunction("document.querySelectorAll('#arrival-list tbody tr').length === 3");
    await screenshot(page, 'door-5-desk-role');

    const supervisorContext = await newContext(browser, errors, base, { viewport: { width: 1366, height: 900 } });
    contexts.push(supervisorContext);
    await addSession(supervisorContext, base, supervisor);
    const rounds = await supervisorContext.newPage();
    await rounds.goto('/supervisor/rounds');
    await rounds.locator('body[data-ready="true"]').waitFor();
    expect(await rounds.locator('#arrival-form').count()).toBe(0);
    const link = rounds.locator('#door-link a');
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe('/door');
    expect(errors.messages).toEqual([]);
  });
});
