import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/roles.js';
import { addSession, launchChromium, listen, newContext, PageErrors, PHONE, screenshot } from '../support/browser.js';
import { createRound, type Demo, drawnRound, getQueue, loadDemoProject, type QueueEntry } from '../support/rounds.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * "The day never stalls and never lies", through the pages: a household returned at 材料审核 is
 * passed over at 选房 and the desk and the hall say so; the next household chooses and signs; the
 * supervisor undoes that choice after signing (reason + confirmation) — the agreement reads 已作废 on
 * the verify page, and the 选房 desk calls that household again next.
 */
let t: TestApp;
let browser: Browser;
let base: string;
let demo: Demo;
let supervisor: string;
let roundId: string;
/** The first two households in the drawn order: the first is returned, the second chooses. */
let first: QueueEntry;
let second: QueueEntry;
const errors = new PageErrors();
const contexts: BrowserContext[] = [];
const DESK = { viewport: { width: 1366, height: 768 } };
const HALL = { viewport: { width: 1920, height: 1080 } };

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  // Setting up the round is not what this test is about: the API does it, as in desks.test.ts.
  roundId = await drawnRound(t, supervisor, demo.projectId, '分房日', '03 14 15 92');
  const queue = await getQueue(t, supervisor, roundId);
  [first, second] = queue.waiting as [QueueEntry, QueueEntry];
  expect([first.position, second.position]).toEqual([1, 2]);
  expect((await post(`/api/rounds/${roundId}/batches`, { number: 1 })).statusCode).toBe(200);
  for (const h of [first, second])
    expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: h.code })).statusCode).toBe(200);
  base = await listen(t);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function context(options: BrowserContextOptions, role?: Role): Promise<BrowserContext> {
  const c = await newContext(browser, errors, base, options);
  if (role) await addSession(c, base, await t.loginAs(role));
  contexts.push(c);
  return c;
}

/** A staff page opened once the script has loaded its data. */
async function open(role: Role, path: string): Promise<Page> {
  const page = await (await context(DESK, role)).newPage();
  await page.goto(path);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

/** A desk of `stage`, signed in as a fresh account of `role`. */
async function desk(role: Role, stage: string, deskNumber: string): Promise<Page> {
  const page = await open(role, `/desk/${stage}`);
  await page.getByLabel('窗口号').fill(deskNumber);
  await page.getByRole('button', { name: '登录窗口' }).click();
  await page.locator('#message.ok').waitFor();
  return page;
}

/** 叫下一位, and wait until the call and the household's file show `h`. */
async function call(page: Page, h: QueueEntry): Promise<void> {
  await page.getByRole('button', { name: '叫下一位' }).click();
  await page.locator('#call-status', { hasText: h.code }).waitFor();
  await page.locator('#household-file', { hasText: h.code }).waitFor();
}

const passedText = () => `第 1 号 材料退回，暂缓选房；请第 2 号`;

describe('correcting the day through the pages', () => {
  let hall: Page;
  let selection: Page;
  let agreementNumber = '';

  it('returns the first household at 材料审核 for a missing paper; the second passes 材料审核 and 身份信息核对', async () => {
    hall = await (await context(HALL)).newPage();
    await hall.goto(`/hall/${roundId}`);
    await hall.locator('#hall-link[data-state="live"]').waitFor();

    const review = await desk('reviewer', 'documentReview', '1号窗口');
    await call(review, first);
    const papers = await review.locator('#checklist').getByRole('checkbox').all();
    for (const box of papers.slice(1)) await box.check();
    await review.getByRole('button', { name: '退回', exact: true }).click();
    expect(await review.getByLabel('退回原因（须填写，将告知安置户）').inputValue()).toMatch(/^缺少材料：/);
    await review.getByRole('button', { name: '确认退回' }).click();
    await review.locator('#message.warn', { hasText: `已退回 ${first.code}` }).waitFor();

    await call(review, second);
    for (const box of await review.locator('#checklist').getByRole('checkbox').all()) await box.check();
    await review.getByRole('button', { name: '确认办理' }).click();
    await review.locator('#after').waitFor();

    const head = await t.deps.db
      .selectFrom('householdMembers')
      .select(['idNumber'])
      .where('householdId', '=', second.householdId)
      .where('isHead', '=', 1)
      .executeTakeFirstOrThrow();
    const id = await desk('id_checker', 'idCheck', '2号窗口');
    await call(id, second);
    await id.getByLabel('到场人居民身份证号码').fill(head.idNumber);
    await id.getByRole('button', { name: '确认办理' }).click();
    await id.locator('#after').waitFor();
  });

  it('shows on the hall screen that number 1 was passed over and why, without names', async () => {
    await hall.locator('#turn-position', { hasText: '第 2 号' }).waitFor();
    await hall.locator('#turn-passed', { hasText: passedText() }).waitFor();
    expect(await hall.locator('#turn-passed').textContent()).toBe(passedText());
    expect(await hall.content()).not.toContain(first.headName);
    await screenshot(hall, 'corrections-1-hall-passed');
  });

  it('calls the second household at the 选房 desk and says who was passed over and why', async () => {
    selection = await desk('signing_clerk', 'selection', '3号窗口');
    await call(selection, second);
    expect(await selection.locator('#announcement').textContent()).toBe(passedText());
    await selection.locator('#line-body', { hasText: '材料退回' }).waitFor();
    expect(await selection.locator('#line-body').textContent()).toContain(`第 1 号 ${first.code}`);
    await screenshot(selection, 'corrections-2-selection-desk-announcement');

    await selection.locator('#flat-list button.flat').first().click();
    await selection.getByRole('button', { name: '确认选房' }).click();
    await selection.locator('#after').waitFor();

    // Nobody else is ready: the desk says whom the line waits for, and why.
    await selection.getByRole('button', { name: '叫下一位' }).click();
    await selection.locator('#message.warn', { hasText: '队列在等' }).waitFor();
    expect(await selection.locator('#message').textContent()).toContain(`第 1 号 ${first.code}`);
    expect(await selection.locator('#message').textContent()).toContain('材料退回');
    await screenshot(selection, 'corrections-3-selection-desk-nobody-ready');
  });

  it('signs the second household at 协议签订', async () => {
    const signing = await desk('signing_clerk', 'signing', '4号窗口');
    await call(signing, second);
    await signing.getByRole('button', { name: '完成签约并生成协议编号' }).click();
    await signing.locator('#print-agreement').waitFor();
    agreementNumber = /FJW-\d{4}-\d{4}/.exec((await signing.locator('#after-body').textContent()) ?? '')?.[0] ?? '';
    expect(agreementNumber).not.toBe('');
  });

  it('lets the supervisor undo the choice after signing, confirming that the agreement is voided', async () => {
    const page = await open('supervisor', `/supervisor/household?code=${encodeURIComponent(second.code)}`);
    const standing = page.locator('#standing');
    await standing.locator('dd', { hasText: agreementNumber }).waitFor();
    await standing.getByRole('button', { name: /^撤销选房：/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`协议 ${agreementNumber} 将作废`);
    // Without a reason the dialog refuses and keeps the focus in the reason field.
    await dialog.getByRole('button', { name: `撤销选房并作废协议 ${agreementNumber}` }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('撤销原因（必填，记入审计日志）').fill('户主要求更换楼层，经项目办同意');
    await screenshot(page, 'corrections-4-supervisor-undo-confirm');
    await dialog.getByRole('button', { name: `撤销选房并作废协议 ${agreementNumber}` }).click();
    await page.locator('#message.ok', { hasText: `协议 ${agreementNumber} 已作废` }).waitFor();
    await standing.locator('dd', { hasText: '尚未选房' }).waitFor();
    await standing.locator('dd', { hasText: '尚未签订' }).waitFor();
    // The household's agreements still list the voided one, with why.
    const row = page.locator('#agreement-list tr', { hasText: agreementNumber });
    await row.filter({ hasText: '已作废' }).waitFor();
    expect(await row.textContent()).toContain('户主要求更换楼层，经项目办同意');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await screenshot(page, 'corrections-5-supervisor-after-undo');
  });

  it('shows the agreement as voided, with the time, on the verify page on a phone', async () => {
    const phone = await (await context(PHONE)).newPage();
    await phone.goto(`/public/verify/${agreementNumber}`);
    expect(await phone.locator('body').textContent()).toMatch(/已作废.*\d{1,2}:\d{2}/s);
    await screenshot(phone, 'corrections-6-verify-voided-phone', true);
  });

  it('calls the undone household again next at the 选房 desk', async () => {
    await call(selection, second);
    expect(await selection.locator('#announcement').textContent()).toBe(passedText());
    await selection.locator('#flat-list button.flat').first().waitFor();
    // The line shows the household at this desk (正在选房, the first row).
    await selection.locator('#line-body dd', { hasText: second.code }).first().waitFor();
    expect(await selection.locator('#line-body dd').first().textContent()).toContain(second.code);
    await selection.locator('#line').scrollIntoViewIfNeeded();
    await screenshot(selection, 'corrections-7-selection-desk-called-again');
  });

  it('passes over (过号) the household at the 选房 desk with a reason, after a confirmation', async () => {
    await selection.getByRole('button', { name: '过号', exact: true }).click();
    const dialog = selection.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('保留选房权');
    // Esc cancels and gives the focus back to the button.
    await selection.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await selection.evaluate('document.activeElement && document.activeElement.id')).toBe('pass-open');
    await selection.getByRole('button', { name: '过号', exact: true }).click();
    await dialog.getByLabel('过号原因（必填，记入审计日志）').fill('户主临时离开，家属去找');
    await screenshot(selection, 'corrections-8-selection-desk-pass-confirm');
    await dialog.getByRole('button', { name: '确认过号' }).click();
    await selection.locator('#message.warn', { hasText: `第 2 号（${second.code}）已过号` }).waitFor();
    expect(await selection.locator('#stage-card').isHidden()).toBe(true);
  });

  it('shows the supervisor who holds each queue and why', async () => {
    const page = await open('supervisor', '/supervisor/progress');
    const queues = page.locator('#queues');
    // Held at 材料审核 (returned there) and in the 选房 line (passed over): listed under both.
    await queues.locator('li', { hasText: '材料退回' }).first().waitFor();
    expect(
      await queues
        .locator('li', { hasText: `第 1 号 ${first.code}` })
        .getByRole('button', { name: '回到队列' })
        .count(),
    ).toBeGreaterThan(0);
    await queues.locator('li', { hasText: `第 2 号 ${second.code}：已过号` }).waitFor();
    await queues.scrollIntoViewIfNeeded();
    await screenshot(page, 'corrections-9-supervisor-progress-queues');
  });

  it('asks before the commitment, the draw and closing a round, saying they cannot be taken back', async () => {
    const other = await createRound(t, supervisor, demo.projectId, {
      name: '补选日',
      orderMethod: 'lottery',
      rules: { maxExcessCenti: 4000, batchSize: 12 },
    });
    const page = await open('supervisor', '/supervisor/rounds');
    await page.getByLabel('选房轮次').selectOption(other.id);
    const dialog = page.getByRole('dialog');
    await page.getByRole('button', { name: '公布摇号承诺值' }).click();
    expect(await dialog.textContent()).toContain('不能撤回');
    await screenshot(page, 'corrections-10-rounds-commitment-confirm');
    await dialog.getByRole('button', { name: '确认公布承诺值' }).click();
    await page.locator('#message.ok', { hasText: '承诺值已公布' }).waitFor();
    await page.getByLabel('现场公开随机值').fill('08 16 23 42');
    await page.getByRole('button', { name: '摇号', exact: true }).click();
    expect(await dialog.textContent()).toContain('08 16 23 42');
    await dialog.getByRole('button', { name: '确认摇号' }).click();
    await page.locator('#message.ok', { hasText: '摇号完成' }).waitFor();
    await page.getByRole('button', { name: '结束选房' }).click();
    expect(await dialog.textContent()).toContain('视为放弃');
    await dialog.getByLabel('结束原因（必填，记入审计日志）').fill('补选日结束');
    await screenshot(page, 'corrections-11-rounds-close-confirm');
    await dialog.getByRole('button', { name: '确认结束选房' }).click();
    await page.locator('#message.warn', { hasText: '选房已结束' }).waitFor();
    expect(await page.getByRole('button', { name: '结束选房' }).isHidden()).toBe(true);
  });

  it('logged no console or page errors', async () => {
    for (const c of contexts) await c.close();
    expect(errors.messages).toEqual([]);
  });
});
