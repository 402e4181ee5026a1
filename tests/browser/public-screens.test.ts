import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  listen,
  newContext,
  overflowsSideways,
  PageErrors,
  PHONE,
  screenshot,
  ZOOM_200,
} from '../support/browser.js';
import { type Demo, drawnRound, getQueue, loadDemoProject, select } from '../support/rounds.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The hall screen and the sales board follow the round live; the 公示 reads well on a phone. */
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let base: string;
let demo: Demo;
let supervisor: string;
let roundId: string;
const errors = new PageErrors();
const LIVE_MS = 1_000;
const PHONE_HEIGHT = PHONE.viewport?.height ?? 844;

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  roundId = await drawnRound(t, supervisor, demo.projectId, '第一轮', '07 19 23');
  base = await listen(t);
  browser = await launchChromium();
  context = await newContext(browser, errors, base, { viewport: { width: 1600, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openLive(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.locator('.live-state[data-state="live"]').waitFor();
  return page;
}

const unitsLeftOf = async (page: Page) => Number(await page.locator('#units-left').textContent());

describe('hall screen and sales board, live', () => {
  let hall: Page;
  let board: Page;
  let gongshi: Page;

  it('shows the round as it stands', async () => {
    hall = await openLive(`/hall/${roundId}`);
    board = await openLive(`/board/${roundId}`);
    gongshi = await openLive(`/gongshi/${roundId}`);
    await board.setViewportSize({ width: 1280, height: 1700 });
    await hall.locator('#left-by-layout tr').first().waitFor();
    expect(await unitsLeftOf(hall)).toBe(96);
    expect(await hall.locator('#left-by-layout tr').count()).toBe(3);
    // The hall's parts load from separate requests: wait for each before reading it.
    await hall.locator('#turn-position', { hasText: '第 1 号' }).waitFor();
    await hall.locator('#next-numbers li').nth(5).waitFor();
    expect(await hall.locator('#turn-position').textContent()).toBe('第 1 号');
    expect(await hall.locator('#next-numbers li').count()).toBe(6);
    expect(await hall.locator('#next-numbers li').first().textContent()).toContain('第 2 号');
    await screenshot(hall, 'hall-1-before-any-call');

    // 24 floors, top first; two entrances × two flats; everything free.
    await board.locator('.board-table td.unit').first().waitFor();
    const floors = await board.locator('.board-table tbody th').allTextContents();
    expect(floors[0]).toBe('24层');
    expect(floors.at(-1)).toBe('1层');
    expect(floors).toHaveLength(24);
    expect(await board.locator('td.unit.available').count()).toBe(96);
    expect(await board.locator('.board-table thead').textContent()).toMatch(/1单元.*2单元.*01室.*02室/);
    await screenshot(board, 'board-1-all-free');
  });

  it('shows a called household on the hall screen within a second, with the name masked', async () => {
    const queue = await getQueue(t, supervisor, roundId);
    const first = demo.households.find((h) => h.id === queue.next?.householdId);
    if (!first) throw new Error('no first household');
    expect(
      (await post('/api/desks/sign-in', { projectId: demo.projectId, deskNumber: '3号窗口', stage: 'documentReview' }))
        .statusCode,
    ).toBe(200);
    await post(`/api/rounds/${roundId}/batches`, { number: 1 });
    expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: first.code })).statusCode).toBe(200);
    const called = await post(`/api/rounds/${roundId}/calls`);
    expect(called.statusCode, called.body).toBe(200);

    const now = hall.locator('#now-calling');
    await now.getByText('3号窗口').waitFor({ timeout: LIVE_MS });
    const text = (await now.textContent()) ?? '';
    expect(text).toContain('第 1 号');
    expect(text).toContain('材料审核');
    expect(text).toContain(`${first.headName[0]}*`);
    expect(await hall.content()).not.toContain(first.headName);
    await screenshot(hall, 'hall-2-calling-first-household');
  });

  it('marks a chosen flat as taken on the board and the hall screen within a second', async () => {
    // The turn rule passes over a household still at an earlier desk: finish 材料审核 and 身份信息核对
    // for the household called above (the supervisor works any desk) so that it may choose.
    const called = await getQueue(t, supervisor, roundId);
    const householdId = called.waiting[0]?.householdId ?? '';
    const { workflowId } = (
      await t.app.inject({
        method: 'GET',
        url: `/api/rounds/${roundId}/households/${householdId}/workflow`,
        headers: { cookie: supervisor },
      })
    ).json<{ workflowId: string }>();
    const { documentChecklist } = (
      await t.app.inject({ method: 'GET', url: `/api/projects/${demo.projectId}`, headers: { cookie: supervisor } })
    ).json<{ documentChecklist: string[] }>();
    const head = await t.deps.db
      .selectFrom('householdMembers')
      .select(['idNumber'])
      .where('householdId', '=', householdId)
      .where('isHead', '=', 1)
      .executeTakeFirstOrThrow();
    const reviewed = await post(`/api/workflows/${workflowId}/stages`, {
      stage: 'documentReview',
      form: { presented: documentChecklist },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(
      (await post('/api/desks/sign-in', { projectId: demo.projectId, deskNumber: '4号窗口', stage: 'idCheck' }))
        .statusCode,
    ).toBe(200);
    expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    const checked = await post(`/api/workflows/${workflowId}/stages`, {
      stage: 'idCheck',
      form: { person: 'head', idNumber: head.idNumber },
    });
    expect(checked.statusCode, checked.body).toBe(201);
    const queue = await getQueue(t, supervisor, roundId);
    expect(queue.next?.householdId).toBe(householdId);
    const options = (
      await t.app.inject({
        method: 'GET',
        url: `/api/rounds/${roundId}/households/${householdId}/options`,
        headers: { cookie: supervisor },
      })
    ).json<{ unitId: string; layout: string; allowed: boolean }[]>();
    const flat = options.find((o) => o.allowed);
    if (!flat) throw new Error('no flat fits');
    const layoutRow = hall.locator(`#left-by-layout tr[data-layout="${flat.layout}"] .left-count strong`);
    const layoutBefore = Number(await layoutRow.textContent());

    // Signed in at the desks, it chooses at the 选房 desk (the direct route refuses it).
    expect((await select(t, supervisor, roundId, householdId, flat.unitId)).statusCode).toBe(409);
    expect(
      (await post('/api/desks/sign-in', { projectId: demo.projectId, deskNumber: '5号窗口', stage: 'selection' }))
        .statusCode,
    ).toBe(200);
    expect((await post(`/api/rounds/${roundId}/calls`)).json()).toMatchObject({ householdId });
    const res = await post(`/api/workflows/${workflowId}/stages`, {
      stage: 'selection',
      form: { unitId: flat.unitId },
    });
    expect(res.statusCode, res.body).toBe(201);

    const cell = board.locator(`#unit-${flat.unitId}`);
    await board.locator(`#unit-${flat.unitId}[data-status="allocated"]`).waitFor({ timeout: LIVE_MS });
    expect(await cell.locator('.unit-status').textContent()).toBe('已选');
    expect(await board.locator('td.unit.available').count()).toBe(95);
    // Locators, not a string predicate: Playwright evaluates those with eval, which our CSP refuses.
    await expect.poll(() => hall.locator('#units-left').textContent(), { timeout: LIVE_MS }).toBe('95');
    expect(Number(await layoutRow.textContent())).toBe(layoutBefore - 1);
    await hall.getByText('第 2 号', { exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await board.locator('#board-summary').textContent()).toContain('可选 95 套');
    // The 公示 follows too: the chosen flat in the first row and the counts, without a reload.
    const chosenCount = gongshi.locator('.gongshi-stats div', { hasText: '已选房' }).locator('dd');
    await expect.poll(() => chosenCount.textContent(), { timeout: 3 * LIVE_MS }).toBe('1');
    expect(await gongshi.locator('#gongshi-rows tr').first().textContent()).toMatch(/第 1 号.*7#楼\d单元\d+室/);
    expect(await gongshi.locator('#gongshi-updated').textContent()).toContain('已更新');
    await screenshot(gongshi, 'gongshi-0-live-after-first-selection');
    await screenshot(board, 'board-2-one-flat-taken');
    await screenshot(hall, 'hall-3-after-first-selection');
  });

  it('filters the board by layout and area range, keeping the building’s shape', async () => {
    await board.getByLabel('户型').selectOption('两室两厅一卫');
    expect(await board.locator('td.unit:not(.dim):not(.none)').count()).toBe(48);
    await board.getByLabel('面积不小于（㎡）').fill('90');
    expect(await board.locator('td.unit:not(.dim):not(.none)').count()).toBe(24);
    await board.getByLabel('面积不大于（㎡）').fill('95');
    expect(await board.locator('td.unit:not(.dim):not(.none)').count()).toBe(0);
    expect(await board.locator('#board-summary').textContent()).toContain('符合筛选 0 套');
    await board.getByLabel('面积不大于（㎡）').fill('');
    await board.getByLabel('只看可选房源').check();
    expect(await board.locator('td.unit').count()).toBe(96);
    await screenshot(board, 'board-3-filtered-two-bedroom-over-90m2');
    await board.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => board.locator('td.unit.dim').count()).toBe(0);
  });

  it('stays readable at 200% zoom', async () => {
    // 200 % zoom of a 1280 × 800 screen leaves 640 × 400 CSS pixels.
    for (const [page, name] of [
      [hall, 'hall-4-zoom-200'],
      [board, 'board-4-zoom-200'],
    ] as const) {
      await page.setViewportSize(ZOOM_200.viewport ?? { width: 640, height: 400 });
      expect(await overflowsSideways(page), name).toBe(false);
      await screenshot(page, name);
    }
  });
});

describe('公示 on a phone', () => {
  it('lists the order and results with masked names, finds one’s own row, and prints', async () => {
    const phone = await newContext(browser, errors, base, PHONE);
    const page = await phone.newPage();
    await page.goto(`/gongshi/${roundId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('第一轮 选房结果公示');
    expect(await page.locator('#gongshi-rows tr').count()).toBe(96);
    const chosen = page.locator('#gongshi-rows tr').first();
    expect(await chosen.textContent()).toMatch(/第 1 号.*7#楼\d单元\d+室/);
    const html = await page.content();
    for (const h of demo.households) expect(html).not.toContain(h.headName);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'gongshi-1-phone');

    const code = (await chosen.getAttribute('data-code')) ?? '';
    await page.getByLabel('按户号或顺序号查找').fill(code);
    expect(await page.locator('#gongshi-rows tr:visible').count()).toBe(1);
    expect(await page.locator('#gongshi-count').textContent()).toBe('找到 1 户');
    await screenshot(page, 'gongshi-2-phone-search');
    // 刷新 fetches the 公示 again and keeps what the resident searched for.
    await page.getByRole('button', { name: '刷新' }).click();
    await page.locator('#gongshi-updated', { hasText: '已更新' }).waitFor();
    expect(await page.locator('#gongshi-rows tr').count()).toBe(96);
    expect(await page.locator('#gongshi-rows tr:visible').count()).toBe(1);
    expect(await page.locator('#gongshi-count').textContent()).toBe('找到 1 户');
    await page.getByLabel('按户号或顺序号查找').fill('');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.gongshi-tools').isVisible()).toBe(false);
    await screenshot(page, 'gongshi-3-print');
    await phone.close();
  });

  it('shows the board on a phone: filters behind a button, whole floors, a sticky head, 单元 told apart', async () => {
    const phone = await newContext(browser, errors, base, PHONE);
    const page = await phone.newPage();
    await page.goto(`/board/${roundId}`);
    await page.locator('td.unit').first().waitFor();
    expect(await page.locator('#board-filter').isVisible()).toBe(false);
    expect((await page.locator('td.unit').first().boundingBox())?.y ?? 9999).toBeLessThan(PHONE_HEIGHT);
    // Every flat of a floor inside the table's box, nothing to scroll sideways.
    const cut = await page.evaluate<string>(`JSON.stringify((() => {
      const box = document.querySelector('.board-scroll');
      const edge = box.getBoundingClientRect();
      const out = [...document.querySelectorAll('.board-table tbody tr:first-child td')]
        .map((td) => td.getBoundingClientRect())
        .filter((r) => r.left < edge.left - 1 || r.right > edge.right + 1)
        .map((r) => Math.round(r.right - edge.right));
      if (box.scrollWidth > box.clientWidth + 1) out.push('scrolls ' + (box.scrollWidth - box.clientWidth));
      return out;
    })())`);
    expect(JSON.parse(cut)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    const rooms = (await page.locator('.board-table tbody tr').first().locator('.unit-room').allTextContents()).map(
      (text) => text.replace(/\s+/g, ' ').trim(),
    );
    expect(rooms).toHaveLength(4);
    for (const room of rooms) expect(room).toMatch(/^[12]单元 24\d\d$/);
    expect(new Set(rooms).size).toBe(4);
    expect(new Set(rooms.map((r) => r.split(' ')[1])).size).toBe(2);
    await screenshot(page, 'board-5-phone');

    await page.evaluate("document.querySelector('.board-scroll').scrollTop = 700");
    const headTop = await page.evaluate<number>(
      "document.querySelector('.board-table thead').getBoundingClientRect().top - document.querySelector('.board-scroll').getBoundingClientRect().top",
    );
    expect(Math.abs(headTop)).toBeLessThanOrEqual(1);
    await screenshot(page, 'board-6-phone-scrolled-sticky-head');

    const toggle = page.getByRole('button', { name: '筛选房源' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await page.locator('#board-filter').isVisible()).toBe(true);
    expect(await page.locator('#filter-toggle').getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('户型').selectOption('两室两厅一卫');
    expect(await page.locator('td.unit:not(.dim):not(.none)').count()).toBe(48);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'board-7-phone-filters-open');
    await page.getByRole('button', { name: '收起筛选' }).click();
    expect(await page.locator('#board-filter').isVisible()).toBe(false);
    await phone.close();
  });

  it('answers an unknown round with a Chinese page', async () => {
    const page = await context.newPage();
    const res = await page.goto('/hall/no-such-round');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain('选房轮次');
    errors.forgive(/no-such-round.*status of 404/);
  });

  it('logged no console or page errors', () => {
    expect(errors.messages).toEqual([]);
  });
});
