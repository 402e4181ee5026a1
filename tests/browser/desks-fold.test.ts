import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/roles.js';
import { addSession, launchChromium, listen, newContext, PageErrors, screenshot } from '../support/browser.js';
import { greyPng } from '../support/png.js';
import { type Demo, drawnRound, getQueue, loadDemoProject } from '../support/rounds.js';
import { pdfOfPages } from '../support/scan-pdf.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The desks as a working day needs them, at 1366×768: the form above the fold at every desk,
 * 全部齐全, the household named in successes, labels (not paths) in refusals, the 选房 filters and
 * floor view, the dialog naming the household, and the signed copy uploaded after 叫下一位.
 */
let t: TestApp;
let browser: Browser;
let base: string;
let demo: Demo;
let supervisor: string;
let roundId: string;
/** The household walked through the desks by the first test. */
let walked: { code: string; id: string; headName: string } | null = null;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];
const VIEWPORT = { width: 1366, height: 768 };

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

const signedCopyOf = async (householdId: string) =>
  (
    await t.deps.db
      .selectFrom('agreements')
      .select('signedCopySha256')
      .where('householdId', '=', householdId)
      .executeTakeFirstOrThrow()
  ).signedCopySha256;

/** The element lies wholly inside the 1366×768 viewport, without scrolling. */
async function aboveTheFold(element: Locator): Promise<void> {
  const box = await element.boundingBox();
  expect(box, 'element is laid out').not.toBeNull();
  if (!box) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
}

describe('the desks at 1366×768', () => {
  it('walks a household through every desk with the form above the fold and the household named', async () => {
    const queue = await getQueue(t, supervisor, roundId);
    const household = demo.households.find((h) => h.id === queue.next?.householdId);
    if (!household) throw new Error('no first household');
    const head = await t.deps.db
      .selectFrom('householdMembers')
      .select(['idNumber', 'name'])
      .where('householdId', '=', household.id)
      .where('isHead', '=', 1)
      .executeTakeFirstOrThrow();
    await post(`/api/rounds/${roundId}/batches`, { number: 1 });
    expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: household.code })).statusCode).toBe(200);

    const staff = await newContext(browser, errors, base, { viewport: VIEWPORT });
    contexts.push(staff);
    const page = await staff.newPage();
    const openDesk = async (role: Role, stage: string, deskNumber: string): Promise<Page> => {
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
      await page.locator('#household-file', { hasText: household.code }).waitFor();
      return page;
    };
    const named = async (desk: Page) => {
      await desk.locator('#after').waitFor({ state: 'visible' });
      const message = (await desk.locator('#message.ok').textContent()) ?? '';
      expect(message).toContain(household.code);
      expect(message).toContain(head.name);
    };

    // 材料审核: 全部齐全 ticks every paper; the first paper and 确认办理 are on the first screen.
    const review = await openDesk('reviewer', 'documentReview', '1号窗口');
    await screenshot(review, 'desks-fold-1-document-review');
    await aboveTheFold(review.locator('#all-present'));
    await aboveTheFold(review.locator('#submit-stage'));
    await review.getByRole('button', { name: '全部齐全' }).click();
    const papers = review.locator('#checklist').getByRole('checkbox');
    expect(await papers.count()).toBeGreaterThan(2);
    for (const box of await papers.all()) expect(await box.isChecked()).toBe(true);
    await review.getByRole('button', { name: '确认办理' }).click();
    await named(review);

    const id = await openDesk('id_checker', 'idCheck', '2号窗口');
    await aboveTheFold(id.getByLabel('户主本人'));
    await aboveTheFold(id.locator('#submit-stage'));
    await screenshot(id, 'desks-fold-2-id-check');
    await id.getByLabel('到场人居民身份证号码').fill(head.idNumber);
    await id.getByRole('button', { name: '确认办理' }).click();
    await named(id);

    // 选房: filters and the floor view; the dialog names the household.
    const pick = await openDesk('signing_clerk', 'selection', '3号窗口');
    await pick.locator('#flat-list button.flat').first().waitFor();
    await aboveTheFold(pick.getByLabel('楼层', { exact: true }));
    await aboveTheFold(pick.locator('#flat-list button.flat').first());
    const all = await pick.locator('#flat-list button.flat').count();
    const rows = pick.locator('table.floor-view tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    for (const row of await rows.all()) {
      const floor = ((await row.locator('th').textContent()) ?? '').replace(' 层', '');
      for (const flat of await row.locator('button.flat').all())
        expect(JSON.parse((await flat.getAttribute('data-flat')) ?? '{}').floor).toBe(Number(floor));
    }
    await screenshot(pick, 'desks-fold-3-selection-floor-view');
    const floorValue = (await pick.locator('#filter-floor option').nth(1).getAttribute('value')) ?? '';
    await pick.getByLabel('楼层', { exact: true }).selectOption(floorValue);
    const onFloor = await pick.locator('#flat-list button.flat').all();
    expect(onFloor.length).toBeGreaterThan(0);
    expect(onFloor.length).toBeLessThan(all);
    for (const flat of onFloor)
      expect(JSON.parse((await flat.getAttribute('data-flat')) ?? '{}').floor).toBe(Number(floorValue));
    const layoutValue = (await pick.locator('#filter-layout option').nth(1).getAttribute('value')) ?? '';
    await pick.getByLabel('户型').selectOption(layoutValue);
    for (const flat of await pick.locator('#flat-list button.flat').all())
      expect(JSON.parse((await flat.getAttribute('data-flat')) ?? '{}').layout).toBe(layoutValue);
    await pick.getByLabel('户型').selectOption('');
    await pick.getByLabel('楼层', { exact: true }).selectOption('');
    await pick.getByLabel('平铺').check();
    const areas = await Promise.all(
      (await pick.locator('#flat-list button.flat').all()).map(async (b) =>
        Number(JSON.parse((await b.getAttribute('data-flat')) ?? '{}').buildingArea),
      ),
    );
    const cut = [...areas].sort((a, b) => a - b)[Math.floor(areas.length / 2)] ?? 0;
    await pick.getByLabel('面积不小于（㎡）').fill(String(cut));
    const large = await pick.locator('#flat-list button.flat').all();
    expect(large.length).toBeLessThan(areas.length);
    for (const flat of large)
      expect(Number(JSON.parse((await flat.getAttribute('data-flat')) ?? '{}').buildingArea)).toBeGreaterThanOrEqual(
        cut,
      );
    expect(await pick.locator('#flat-count').textContent()).toContain(`当前显示 ${large.length} 套`);
    await screenshot(pick, 'desks-fold-3-selection-filtered-tiles');
    await large[0]?.click();
    await pick.getByRole('dialog').waitFor();
    const dialogText = (await pick.locator('#flat-dialog-text').textContent()) ?? '';
    expect(dialogText).toContain(household.code);
    expect(dialogText).toContain(head.name);
    await screenshot(pick, 'desks-fold-3-selection-dialog');
    await pick.getByRole('button', { name: '确认选房' }).click();
    await named(pick);

    // 协议签订: signed, then 叫下一位; the signed copy is still uploaded, found by 户号 and name.
    const sign = await openDesk('signing_clerk', 'signing', '4号窗口');
    await aboveTheFold(sign.locator('#submit-stage'));
    await screenshot(sign, 'desks-fold-4-signing');
    await sign.getByRole('button', { name: '完成签约并生成协议编号' }).click();
    await sign.locator('#print-agreement').waitFor();
    await named(sign);
    await sign.getByRole('button', { name: '叫下一位' }).click();
    await sign.locator('#message.warn').waitFor();
    const late = sign.locator('#late-upload');
    await late.waitFor({ state: 'visible' });
    const option = (await sign.locator('#late-agreement option').first().textContent()) ?? '';
    expect(option).toContain(household.code);
    expect(option).toContain(head.name);
    await sign.getByLabel('签字协议扫描件（PDF，页数不少于协议）').setInputFiles({
      name: 'signed.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfOfPages(10),
    });
    await sign.getByRole('button', { name: '上传签字件' }).click();
    await sign.locator('#message.ok', { hasText: '签字件已上传' }).waitFor();
    expect(await sign.locator('#message').textContent()).toContain(household.code);
    await screenshot(sign, 'desks-fold-4-signing-late-upload');
    const agreement = await t.deps.db
      .selectFrom('agreements')
      .select(['status', 'signedCopySha256'])
      .where('householdId', '=', household.id)
      .executeTakeFirstOrThrow();
    expect(agreement.status).toBe('signed');
    expect(agreement.signedCopySha256).not.toBeNull();

    // 物业登记: a refusal names the field by its label, never by its path.
    const property = await openDesk('property_clerk', 'propertyRegistration', '5号窗口');
    await aboveTheFold(property.getByLabel('入住人数'));
    await aboveTheFold(property.locator('#submit-stage'));
    await screenshot(property, 'desks-fold-5-property-registration');
    if (!(await property.getByLabel('联系电话').inputValue()))
      await property.getByLabel('联系电话').fill('13909310000');
    await property.getByLabel('紧急联系人姓名').fill('张建国');
    await property.getByLabel('紧急联系人电话').fill('12');
    await property.getByRole('button', { name: '确认办理' }).click();
    const refusal = (await property.locator('#message.error').textContent()) ?? '';
    expect(refusal).toContain('紧急联系人电话');
    expect(refusal).not.toMatch(/form\.|emergencyContact/);
    await screenshot(property, 'desks-fold-5-property-registration-refused');
    await property.getByLabel('紧急联系人电话').fill('13809311111');
    await property.getByRole('button', { name: '确认办理' }).click();
    await named(property);

    walked = { code: household.code, id: household.id, headName: head.name };
    const keys = await openDesk('key_keeper', 'keyHandover', '6号窗口');
    await aboveTheFold(keys.getByLabel('钥匙（把）'));
    await aboveTheFold(keys.locator('#submit-stage'));
    await screenshot(keys, 'desks-fold-6-key-handover');
    // Signed in, the setup is folded away; 更换窗口 brings it back.
    expect(await keys.getByLabel('窗口号').isVisible()).toBe(false);
    await keys.getByRole('button', { name: '更换窗口' }).click();
    expect(await keys.getByLabel('窗口号').isVisible()).toBe(true);
    expect(await keys.getByLabel('窗口号').inputValue()).toBe('6号窗口');
  });

  it('takes the signed copy at 单户办理 too, refusing one photo for a multi-page agreement', async () => {
    if (!walked) throw new Error('the walk through the desks did not finish');
    const context = await newContext(browser, errors, base, { viewport: VIEWPORT });
    contexts.push(context);
    await addSession(context, base, await t.loginAs('supervisor'));
    const page = await context.newPage();
    await page.goto(`/supervisor/household?code=${encodeURIComponent(walked.code)}`);
    await page.locator('body[data-ready="true"]').waitFor();
    const form = page.locator('#signed-copy-form');
    await form.waitFor({ state: 'visible' });
    expect(await page.locator('#signed-copy-agreement option').first().textContent()).toContain('已有签字件');
    const file = page.getByLabel('签字协议扫描件（PDF，页数不少于协议）');
    await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: greyPng() });
    await form.getByRole('button', { name: '上传签字件' }).click();
    const refusal = (await page.locator('#message.error').textContent()) ?? '';
    expect(refusal).toMatch(/共 \d+ 页，一张照片只能是其中一页/);
    await screenshot(page, 'desks-fold-7-household-photo-refused');
    const before = await signedCopyOf(walked.id);
    await file.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await pdfOfPages(12) });
    await form.getByRole('button', { name: '上传签字件' }).click();
    const done = (await page.locator('#message.ok', { hasText: '签字件已上传' }).textContent()) ?? '';
    expect(done).toContain(walked.code);
    expect(done).toContain(walked.headName);
    expect(await signedCopyOf(walked.id)).not.toBe(before);
    await screenshot(page, 'desks-fold-7-household-signed-copy');
  });

  it('logged no console or page errors', async () => {
    for (const context of contexts) await context.close();
    errors.forgive(/status of 422/);
    errors.forgive(/status of 400/);
    expect(errors.messages).toEqual([]);
  });
});
