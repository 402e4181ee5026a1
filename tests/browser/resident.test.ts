import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsFixture, headOf } from '../support/agreements.js';
import {
  launchChromium,
  listen,
  newContext,
  overflowsSideways,
  PageErrors,
  PHONE,
  screenshot,
} from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A resident on a phone: fetch the signed agreement, check a paper one by its QR code. */
let t: TestApp;
let browser: Browser;
let phone: BrowserContext;
let base: string;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
const errors = new PageErrors();

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 1);
  base = await listen(t);
  browser = await launchChromium();
  phone = await newContext(browser, errors, base, { ...PHONE, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('resident pages on a phone', () => {
  it('refuses a wrong ID suffix in Chinese, then downloads the agreement as a PDF', async () => {
    const [agreement] = fixture.agreements;
    if (!agreement) throw new Error('no agreement');
    const head = await headOf(t, agreement.householdId);
    const page = await phone.newPage();
    await page.goto('/public/agreements');
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'resident-1-agreement-form-phone');

    await page.getByLabel('协议编号').fill(agreement.number);
    await page.getByLabel('户主身份证号后六位').fill('000000');
    await page.getByRole('button', { name: '下载协议' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('不正确');
    await screenshot(page, 'resident-2-wrong-id-suffix');
    errors.forgive(/status of 404/);

    await page.getByLabel('协议编号').fill(agreement.number);
    await page.getByLabel('户主身份证号后六位').fill(head.idNumber.slice(-6));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载协议' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(page, 'resident-3-after-download');
  });

  it('shows the verification page of a genuine agreement readably on a phone', async () => {
    const [agreement] = fixture.agreements;
    const row = await t.deps.db
      .selectFrom('agreements')
      .select(['contentHash'])
      .where('id', '=', agreement?.id ?? '')
      .executeTakeFirstOrThrow();
    const page = await phone.newPage();
    await page.goto(`/public/verify/${agreement?.number}?c=${(row.contentHash ?? '').slice(0, 16)}`);
    expect(await page.getByText('校验通过').count()).toBe(1);
    expect(await overflowsSideways(page)).toBe(false);
    const head = await headOf(t, agreement?.householdId ?? '');
    expect(await page.content()).not.toContain(head.name);
    await screenshot(page, 'resident-4-verify-genuine-phone', true);
  });

  it('logged no console or page errors', () => {
    expect(errors.messages).toEqual([]);
  });
});
