import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSession, launchChromium, listen, newContext, PageErrors, screenshot } from '../support/browser.js';
import { csvText, idNumber } from '../support/sheets.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The setup pages in a browser: a project and a building made by typing; a staff account made by the admin. */
let t: TestApp;
let browser: Browser;
let base: string;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];
/** The supervisor who creates the project (and so serves it) in the first test. */
let chief = '';

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedIn(cookie: string): Promise<BrowserContext> {
  const context = await newContext(browser, errors, base, { viewport: { width: 1280, height: 900 } });
  await addSession(context, base, cookie);
  contexts.push(context);
  return context;
}

describe('setup pages', () => {
  it('lets the supervisor create a project and a building, with prices and areas converted exactly', async () => {
    const supervisor = await t.loginAs('supervisor', 'chief');
    chief = supervisor;
    const page = await (await signedIn(supervisor)).newPage();
    await page.goto('/supervisor/setup');
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('项目代号（大写字母或数字，如 FJW）').fill('HHQ');
    await page.getByLabel('项目名称').fill('黄河桥片区改造项目');
    await page.getByLabel('征收实施单位 / 项目办').fill('七里河区征收办');
    await page.getByLabel('面积不足部分退还单价（元/㎡）').fill('3200.50');
    await page.getByLabel('标准（元/月）').fill('12.05');
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.locator('#message.ok').filter({ hasText: '已新建项目' }).waitFor();

    await page.getByLabel('安置区').fill('安置A区');
    await page.getByLabel('楼栋', { exact: true }).fill('3#楼');
    await page.getByLabel('总建筑面积（㎡）').fill('10553.77');
    await page.getByRole('button', { name: '新建楼栋' }).click();
    await page.locator('#message.ok').filter({ hasText: '已新建楼栋' }).waitFor();
    expect(await page.locator('#buildings').textContent()).toContain('10553.77');
    await screenshot(page, 'setup-1-project-and-building');

    const projects = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: supervisor } });
    const project = projects
      .json<
        {
          id: string;
          code: string;
          name: string;
          settlementRules: { shortfallRefundFenPerM2: number; excessTiers: unknown[] };
          transitionRules: { monthlyRateFen: number };
        }[]
      >()
      .find((p) => p.code === 'HHQ');
    expect(project?.name).toBe('黄河桥片区改造项目');
    expect(project?.settlementRules.shortfallRefundFenPerM2).toBe(320050);
    expect(project?.settlementRules.excessTiers).toEqual([
      { upToExcessCenti: 1000, priceFenPerM2: 320000 },
      { upToExcessCenti: 2000, priceFenPerM2: 560000 },
    ]);
    expect(project?.transitionRules.monthlyRateFen).toBe(1205);
    const buildings = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${project?.id}/buildings`,
      headers: { cookie: supervisor },
    });
    expect(buildings.json()).toEqual([
      expect.objectContaining({
        zone: '安置A区',
        name: '3#楼',
        totalArea: '10553.77',
        floorsAbove: 18,
        floorsBelow: 1,
        entrances: 2,
      }),
    ]);
    await page.close();
  });

  it('imports flats and households through the one import panel: a dry run first, then the import', async () => {
    const page = await (await signedIn(chief)).newPage();
    const units = csvText([
      ['楼栋', '单元', '楼层', '室号', '户型', '建筑面积'],
      ['3#楼', '1', '1', '101', '两室一厅', '89.50'],
      ['3#楼', '1', '1', '102', '三室两厅', '120.00'],
    ]);
    await page.goto('/supervisor/setup');
    await page.locator('body[data-ready="true"]').waitFor();
    await page
      .locator('#import-file')
      .setInputFiles({ name: '房源.csv', mimeType: 'text/csv', buffer: Buffer.from(units) });
    expect(await page.locator('#import-run').isDisabled()).toBe(true);
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.locator('#message.ok').filter({ hasText: '预检通过' }).waitFor();
    await page.getByRole('button', { name: '正式导入' }).click();
    await page.locator('#message.ok').filter({ hasText: '导入完成' }).waitFor();
    expect(await page.locator('#import-report').textContent()).toContain('房源 2');

    // The same panel on 项目与房源, with a choice of what to import; a bad row is reported, not written.
    const head = ['户号', '姓名', '与户主关系', '身份证号', '被征收房屋面积', '应安置面积'];
    const households = csvText([
      head,
      ['H-001', '<b>王芳</b>', '户主', idNumber('620102', '19600101', '002'), '80.00', '90.00'],
      ['H-002', '李强', '户主', '12345', '80.00', '90.00'],
    ]);
    await page.goto('/supervisor');
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#import-kind').selectOption('households');
    await page
      .locator('#import-file')
      .setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(households) });
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.locator('#message.warn').filter({ hasText: '预检发现' }).waitFor();
    expect(await page.locator('#import-report td', { hasText: '12345' }).count()).toBe(1);
    expect(await page.locator('#import-run').isDisabled()).toBe(true);
    await screenshot(page, 'setup-3-import-dry-run');
    const fixed = csvText([
      head,
      ['H-001', '<b>王芳</b>', '户主', idNumber('620102', '19600101', '002'), '80.00', '90.00'],
    ]);
    await page
      .locator('#import-file')
      .setInputFiles({ name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    await page.locator('#message.ok').filter({ hasText: '预检通过' }).waitFor();
    await page.getByRole('button', { name: '正式导入' }).click();
    await page.locator('#message.ok').filter({ hasText: '导入完成' }).waitFor();
    // A name that looks like markup is shown as text everywhere it appears.
    await page.goto('/supervisor/households');
    await page.locator('#household-list td', { hasText: '<b>王芳</b>' }).waitFor();
    expect(await page.locator('#household-list b').count()).toBe(0);
    expect(await page.locator('#household-list').textContent()).toContain('已登记');
    await page.close();
  });

  it('lets the admin create a staff account that can then log in', async () => {
    const page = await (await signedIn(await t.loginAs('admin', 'root'))).newPage();
    await page.goto('/admin/staff');
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('用户名（登录用，字母或数字）').fill('li_si');
    await page.getByLabel('姓名', { exact: true }).fill('李四');
    await page.getByLabel('初始密码（至少 10 个字符）').fill('lisi-pass-2026');
    await page.locator('#new-role-reviewer').check();
    // Staff belong to projects: a desk account with none is refused on the page.
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.locator('#message', { hasText: '请勾选该账号所服务的项目' }).waitFor();
    await page.locator('input[name="new-project"]').first().check();
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.locator('#message.ok').filter({ hasText: '已新建账号 li_si' }).waitFor();
    // The list reloads after the message: wait for the new row rather than read it at once.
    await page.locator('#staff-list').getByText('李四').first().waitFor();
    expect(await page.locator('#staff-list').textContent()).toContain('李四');
    await screenshot(page, 'setup-2-staff-created');

    const fresh = await newContext(browser, errors, base, { viewport: { width: 1280, height: 900 } });
    contexts.push(fresh);
    const login = await fresh.newPage();
    await login.goto('/login');
    await login.getByLabel('用户名').fill('li_si');
    await login.getByLabel('密码').fill('lisi-pass-2026');
    await login.getByRole('button', { name: '登录' }).click();
    await login.waitForURL('**/desk/documentReview');
    expect(await login.locator('#who').textContent()).toContain('李四');
    await login.close();
    await page.close();
  });

  it('refuses /admin/staff to a supervisor with the 403 page', async () => {
    const page = await (await signedIn(await t.loginAs('supervisor'))).newPage();
    const res = await page.goto('/admin/staff');
    expect(res?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('无权访问');
    expect(await page.getByRole('alert').textContent()).toContain('系统管理员');
    errors.forgive(/admin\/staff.*status of 403/);
    await page.close();
  });

  it('logged no console or page errors', async () => {
    for (const context of contexts) await context.close();
    expect(errors.messages).toEqual([]);
  });
});
