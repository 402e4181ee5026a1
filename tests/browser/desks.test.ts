import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/roles.js';
import { axeViolations } from '../support/axe.js';
import { addSession, launchChromium, listen, newContext, PageErrors, screenshot } from '../support/browser.js';
import { type Demo, drawnRound, getQueue, loadDemoProject } from '../support/rounds.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The staff desk pages in a browser: the wrong role is refused; one household is walked through every desk by clicking. */
let t: TestApp;
let browser: Browser;
let base: string;
let demo: Demo;
let supervisor: string;
let roundId: string;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  roundId = await drawnRound(t, supervisor, demo.projectId, '分房日', '11 27 2026');
  base = await listen(t);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A browser context signed in as a fresh account with `role`. */
async function staffContext(role: Role): Promise<BrowserContext> {
  const context = await newContext(browser, errors, base, { viewport: { width: 1280, height: 900 } });
  await addSession(context, base, await t.loginAs(role));
  contexts.push(context);
  return context;
}

describe('desk pages', () => {
  it('refuses a desk to the wrong role with a Chinese 403 page', async () => {
    const page = await (await staffContext('key_keeper')).newPage();
    const res = await page.goto('/desk/documentReview');
    expect(res?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('无权访问');
    expect(await page.getByRole('alert').textContent()).toMatch(/此页面仅限.*使用/);
    await screenshot(page, 'desk-0-key-keeper-refused-document-review');
    errors.forgive(/documentReview.*status of 403/);
    await page.close();
  });

  it('walks one household through every desk by clicking, and the board follows the flat', async () => {
    const queue = await getQueue(t, supervisor, roundId);
    const household = demo.households.find((h) => h.id === queue.next?.householdId);
    if (!household) throw new Error('no first household');
    const head = await t.deps.db
      .selectFrom('householdMembers')
      .select(['idNumber'])
      .where('householdId', '=', household.id)
      .where('isHead', '=', 1)
      .executeTakeFirstOrThrow();
    await post(`/api/rounds/${roundId}/batches`, { number: 1 });
    expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: household.code })).statusCode).toBe(200);

    const publicContext = await newContext(browser, errors, base);
    contexts.push(publicContext);
    const board = await publicContext.newPage();
    await board.goto(`/board/${roundId}`);
    await board.locator('td.unit').first().waitFor();

    // One staff window, handed from desk to desk: each desk's account signs in with its own session.
    // bypassCSP: axe-core is injected into each desk's form as it stands with the household called.
    const staff = await newContext(browser, errors, base, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(staff);
    const page = await staff.newPage();
    /** Signs in to the desk, calls the next household and checks it is ours; returns the page showing its form. */
    const openDesk = async (role: Role, stage: string, deskNumber: string): Promise<Page> => {
      // Leave the last desk first: its live queue would otherwise refetch between the two accounts and get a 401.
      await page.goto('about:blank');
      await staff.clearCookies();
      await addSession(staff, base, await t.loginAs(role));
      await page.goto(`/desk/${stage}`);
      await page.locator('body[data-ready="true"]').waitFor();
      await page.getByLabel('窗口号').fill(deskNumber);
      await page.getByRole('button', { name: '登录窗口' }).click();
      await page.locator('#message.ok').waitFor();
      await page.getByRole('button', { name: '叫下一位' }).click();
      await page.locator('#stage-card').waitFor({ state: 'visible' });
      // The call and the file load separately: wait for each to show the household.
      await page.locator('#call-status', { hasText: household.code }).waitFor();
      await page.locator('#household-file', { hasText: household.code }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      return page;
    };
    const done = async (page: Page, name: string) => {
      await page.locator('#after').waitFor({ state: 'visible' });
      expect(await page.locator('#message').getAttribute('class')).toContain('ok');
      await screenshot(page, name);
    };

    // 材料审核: tick every paper on the checklist.
    const review = await openDesk('reviewer', 'documentReview', '1号窗口');
    const papers = review.locator('#checklist').getByRole('checkbox');
    expect(await papers.count()).toBeGreaterThan(2);
    for (const box of await papers.all()) await box.check();
    await screenshot(review, 'desk-1-document-review-filled');
    await review.getByRole('button', { name: '确认办理' }).click();
    await done(review, 'desk-1-document-review-done');

    // 身份信息核对: the head in person, ID number typed in.
    const id = await openDesk('id_checker', 'idCheck', '2号窗口');
    await id.getByLabel('户主本人').check();
    await id.getByLabel('到场人居民身份证号码').fill(head.idNumber);
    await id.getByRole('button', { name: '确认办理' }).click();
    await done(id, 'desk-2-id-check-done');

    // 选房: pick the first flat offered, confirm in the dialog; the public board turns it grey.
    const pick = await openDesk('signing_clerk', 'selection', '3号窗口');
    const flat = pick.locator('#flat-list button.flat').first();
    const unitId = (await flat.getAttribute('data-unit')) ?? '';
    const label = (await flat.locator('strong').textContent()) ?? '';
    await flat.click();
    await pick.getByRole('dialog').waitFor();
    await screenshot(pick, 'desk-3-selection-confirm-dialog');
    await pick.getByRole('button', { name: '确认选房' }).click();
    await board.locator(`#unit-${unitId}[data-status="allocated"]`).waitFor({ timeout: 1_000 });
    await done(pick, 'desk-3-selection-done');
    await screenshot(board, 'board-5-after-desk-selection');

    // 协议签订: the agreement is numbered and offered for printing.
    const sign = await openDesk('signing_clerk', 'signing', '4号窗口');
    await sign.locator('#household-file', { hasText: label }).waitFor();
    await sign.getByRole('button', { name: '完成签约并生成协议编号' }).click();
    await sign.locator('#print-agreement').waitFor();
    expect(await sign.locator('#after-body').textContent()).toMatch(/FJW-\d{4}-\d{4}/);
    await done(sign, 'desk-4-signing-done');

    // 物业登记: occupants and phone come from the file; the emergency contact is typed.
    const property = await openDesk('property_clerk', 'propertyRegistration', '5号窗口');
    expect(await property.getByLabel('入住人数').inputValue()).not.toBe('');
    if (!(await property.getByLabel('联系电话').inputValue()))
      await property.getByLabel('联系电话').fill('13909310000');
    await property.getByLabel('紧急联系人姓名').fill('张建国');
    await property.getByLabel('紧急联系人电话').fill('13809311111');
    await property.getByLabel('物业费起算日期').fill('2026-12-01');
    await property.getByRole('button', { name: '确认办理' }).click();
    await done(property, 'desk-5-property-registration-done');

    // 领取钥匙: keys and cards counted, receipt number typed; the receipt is offered for printing.
    const keys = await openDesk('key_keeper', 'keyHandover', '6号窗口');
    await keys.getByLabel('钥匙（把）').fill('3');
    await keys.getByLabel('门禁卡（张）').fill('2');
    await keys.getByLabel('签收单号').fill(`R-${household.code}`);
    await keys.getByRole('button', { name: '确认办理' }).click();
    await keys.locator('#receipt-link').waitFor();
    await done(keys, 'desk-6-key-handover-done');

    const records = await t.deps.db
      .selectFrom('stageRecords')
      .innerJoin('workflows', 'workflows.id', 'stageRecords.workflowId')
      .select(['stageRecords.stage'])
      .where('workflows.householdId', '=', household.id)
      .execute();
    expect(records.map((r) => r.stage).sort()).toEqual([
      'documentReview',
      'idCheck',
      'keyHandover',
      'propertyRegistration',
      'selection',
      'signing',
    ]);
  });

  it('shows the supervisor the day so far, the chart drawn from the records', async () => {
    const page = await (await staffContext('supervisor')).newPage();
    await page.goto(`${base}/supervisor/progress`);
    await page.locator('body[data-ready="true"]').waitFor();
    // One line per stage, from the six completions of the household walked through above.
    await page.locator('#chart svg polyline').first().waitFor({ state: 'attached' });
    expect(await page.locator('#chart svg polyline').count()).toBe(6);
    await screenshot(page, 'supervisor-progress-chart');
  });

  it('logged no console or page errors', async () => {
    for (const context of contexts) await context.close();
    expect(errors.messages).toEqual([]);
  });
});
