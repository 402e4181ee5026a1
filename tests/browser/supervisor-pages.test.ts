import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/demo.service.js';
import { systemActor } from '../../src/shared/roles.js';
import { addSession, launchChromium, listen, newContext, PageErrors, screenshot } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The supervisor pages as a supervisor meets them: Chinese words, honest counts, the nav, confirmations, the round form. */
let t: TestApp;
let browser: Browser;
let base: string;
let projectId: string;
let supervisor: string;
let lotteryRoundId: string;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];
const rules = { maxExcessCenti: 3000, maxShortfallCenti: null, priority: null, batchSize: 12 };

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t);
  browser = await launchChromium();
  projectId = (await loadDemo(t.deps, systemActor('demo'))).projectId;
  supervisor = await t.loginAs('supervisor', 'chief');
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    headers: { cookie: supervisor },
    payload: { name: '首批摇号', orderMethod: 'lottery', rules },
  });
  lotteryRoundId = created.json().id;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(cookie: string, path: string): Promise<Page> {
  const context = await newContext(browser, errors, base, { viewport: { width: 1366, height: 900 } });
  await addSession(context, base, cookie);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(path);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

const navLinks = (page: Page) => page.locator('nav.subnav a').allTextContents();
const roundStatus = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/rounds/${id}`, headers: { cookie: supervisor } })).json();

describe('the supervisor pages', () => {
  it('offer in the nav only the pages the viewer may open, from the same table the routes check', async () => {
    const page = await open(supervisor, '/supervisor');
    const offered = await navLinks(page);
    expect(offered).toContain('审计日志');
    expect(offered).not.toContain('工作人员账号');
    for (const href of await page.locator('nav.subnav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect((await page.request.get(href ?? '')).status(), href ?? '').toBe(200);
    }
    expect((await page.request.get('/admin/staff')).status()).toBe(403);
    await screenshot(page, 'supervisor-1-nav');

    const admin = await open(await t.loginAs('admin', 'root'), '/supervisor');
    expect(await navLinks(admin)).toContain('工作人员账号');
  });

  it('count the households a search matches: 共 1 户 for one, no 显示前 when all are shown', async () => {
    const page = await open(supervisor, '/supervisor/households');
    await page.locator('#total', { hasText: '共 96 户' }).waitFor();
    expect(await page.locator('#total').textContent()).toBe('共 96 户');
    await page.getByLabel('查找').fill('B7-007');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.locator('#total', { hasText: '共 1 户' }).waitFor();
    expect(await page.locator('#total').textContent()).toBe('共 1 户');
    expect(await page.locator('#household-list tbody tr').count()).toBe(1);
    await screenshot(page, 'supervisor-2-search-one');
  });

  it('ask before the commitment and the draw, naming the round and what becomes fixed', async () => {
    const page = await open(supervisor, '/supervisor/rounds');
    await page.locator('#round').selectOption(lotteryRoundId);
    await page.locator('#commit:not([hidden])').waitFor();
    await page.getByRole('button', { name: '公布摇号承诺值' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('首批摇号');
    expect(await dialog.textContent()).toContain('名单不能再更改');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await roundStatus(lotteryRoundId)).status).toBe('open');
    await page.getByRole('button', { name: '公布摇号承诺值' }).click();
    await dialog.getByRole('button', { name: '确认公布承诺值' }).click();
    await page.locator('#message.ok').waitFor();
    expect((await roundStatus(lotteryRoundId)).status).toBe('committed');

    await page.getByLabel('现场公开随机值').fill('07 19 23 31 42');
    await page.getByRole('button', { name: '摇号', exact: true }).click();
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('摇号：首批摇号');
    expect(text).toContain('07 19 23 31 42');
    expect(text).toContain('不能撤回');
    await screenshot(page, 'supervisor-3-draw-confirm');
    await dialog.getByRole('button', { name: '确认摇号' }).click();
    await page.locator('#message.ok', { hasText: '摇号完成' }).waitFor();
    expect((await roundStatus(lotteryRoundId)).status).toBe('ordered');
  });

  it('create a round with the priority rule and an imported order, as the API accepts them', async () => {
    const page = await open(supervisor, '/supervisor/rounds');
    await page.getByLabel('名称').fill('导入顺序轮次');
    await page.getByLabel('选房顺序', { exact: true }).selectOption('imported');
    await page.getByLabel('高龄户').check();
    await page.getByLabel('优先户可选楼层上限（层及以下）').fill('3');
    await page.locator('#round-form').scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-4-round-form');
    await page.getByRole('button', { name: '新建轮次' }).click();
    await page.locator('#message.ok', { hasText: '已新建选房轮次“导入顺序轮次”' }).waitFor();
    const roundId = await page.locator('#round').inputValue();
    const round = await roundStatus(roundId);
    expect(round).toMatchObject({
      orderMethod: 'imported',
      rules: { priority: { floorsAtMost: 3, flags: ['elderly'] } },
    });
    expect(await page.locator('#round-facts').textContent()).toContain('高龄户优先选择 3 层及以下房源');

    const households = (
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/households?limit=500`,
        headers: { cookie: supervisor },
      })
    ).json().items as { code: string }[];
    const order = households.map((h) => h.code).reverse();
    await page.getByLabel('导入的选房顺序（每行一个户号，第 1 行最先选房）').fill(order.join('\n'));
    await page.getByRole('button', { name: '按导入顺序确定选房顺序' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('导入顺序轮次');
    expect(await dialog.textContent()).toContain(`第 1 号（${order[0]}）`);
    await screenshot(page, 'supervisor-5-import-order-confirm');
    await dialog.getByRole('button', { name: '确认导入顺序' }).click();
    await page.locator('#message.ok', { hasText: '已按导入的顺序确定选房顺序' }).waitFor();
    const queue = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/queue`, headers: { cookie: supervisor } })
    ).json();
    expect(queue.next).toMatchObject({ position: 1, code: order[0] });
  });

  it('show statuses in Chinese on every page, never the stored codes', async () => {
    const codes =
      /\b(registered|arrived|waiting|absent|done|forfeited|open|committed|ordered|closed|available|reserved|sold|draft|issued|signed|voided|lottery|imported|signing_time)\b/;
    // A household that has arrived, so the day's statuses show too.
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, payload });
    await post(`/api/rounds/${lotteryRoundId}/batches`, { number: 1 });
    const queue = (
      await t.app.inject({ method: 'GET', url: `/api/rounds/${lotteryRoundId}/queue`, headers: { cookie: supervisor } })
    ).json();
    const first = queue.waiting[0].code as string;
    expect((await post(`/api/rounds/${lotteryRoundId}/arrivals`, { by: 'code', value: first })).statusCode).toBe(200);
    for (const path of [
      '/supervisor',
      '/supervisor/households',
      '/supervisor/rounds',
      '/supervisor/progress',
      '/supervisor/audit',
      `/supervisor/household?code=${first}`,
      '/supervisor/setup',
    ]) {
      const page = await open(supervisor, path);
      if (await page.locator('#round').count()) {
        await page.locator('#round').selectOption(lotteryRoundId);
        await page.waitForLoadState('networkidle');
      }
      const text = (await page.locator('main').textContent()) ?? '';
      const found = text.match(codes);
      expect(
        found?.[0] ?? null,
        `${path}: …${text.slice(Math.max(0, (found?.index ?? 0) - 80), (found?.index ?? 0) + 20)}`,
      ).toBeNull();
      if (path === '/supervisor/rounds') expect(text).toContain('选房中');
    }
  });

  it('show the audit log as readable lines, in Chinese, not codes and JSON', async () => {
    const household = (
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/households?q=B7-009`,
        headers: { cookie: supervisor },
      })
    ).json().items[0];
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/households/${household.id}`,
      headers: { cookie: supervisor },
      payload: { phone: '13800001111', reason: '户主更换手机号' },
    });
    expect(edited.statusCode).toBe(200);
    const page = await open(supervisor, `/supervisor/audit?entityId=${household.id}`);
    const row = page.locator('#audit-list tbody tr').first();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('联系电话：13800001111');
    expect(text).toContain('安置户');
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toContain('household.');
    await screenshot(page, 'supervisor-6-audit-household');

    const all = await open(supervisor, '/supervisor/audit');
    const log = (await all.locator('#audit-list').textContent()) ?? '';
    expect(log).toContain('登录');
    expect(log).not.toContain('auth.login');
    expect(log).not.toMatch(/\{"/);
    expect(log).toContain('方式：导入顺序');
    expect(log).toContain('规则·优先选房·楼层上限：3');
    expect(log).toMatch(/选房顺序：B7-096、B7-095、.* 等，共 96 项/);
    expect(log).toContain('角色：项目管理员');
    expect(log).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await screenshot(all, 'supervisor-7-audit-all');
    for (const context of contexts) await context.close();
    expect(errors.messages).toEqual([]);
  });
});
