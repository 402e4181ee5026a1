import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_VERIFY_CAPTION } from '../../src/agreements/render-notice.js';
import { DRAW_ALGORITHM, runDraw, sortByCodePoint } from '../../src/allocation/draw.js';
import { loadDemo } from '../../src/demo/demo.service.js';
import { createQrMatrix } from '../../src/pdf/qr.js';
import { systemActor } from '../../src/shared/roles.js';
import {
  launchChromium,
  listen,
  newContext,
  overflowsSideways,
  PageErrors,
  PHONE,
  screenshot,
} from '../support/browser.js';
import { readPdf } from '../support/pdf-text.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The notice's QR opens a page that recomputes the draw with WebCrypto; it must agree with draw:verify and draw.ts. */
let t: TestApp;
let browser: Browser;
let base: string;
let roundId: string;
const errors = new PageErrors();
const run = promisify(execFile);

// The pinned vector of tests/draw.test.ts.
const vector = {
  codes: ['B7-003', 'B7-001', 'B7-010', 'B7-002', '张三', 'B7-020', '李四', 'B7-007'],
  secret: '5f1e3a0b9c2d4e6f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
  publicValue: '07 19 23 31 42',
  listHash: 'c253a7427c42d265aa6e1a6edb11876ffb3e4aac661565abe002c88a44728fbc',
  commitment: '3c330b2337fe6fc15fc2c0a71265a24582497b545c74e0399db64fd19067d933',
  seed: '5884c2666c5518c75be224007f1853b0470aa2ad3abb2314f6eede128b8c490c',
  order: ['B7-010', '李四', 'B7-003', 'B7-001', '张三', 'B7-002', 'B7-007', 'B7-020'],
};

async function drawVerify(notice: unknown): Promise<boolean> {
  const file = join(tmpdir(), `notice-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(notice));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  return run('npx', ['tsx', 'src/cli/draw-verify.ts', file], { env }).then(
    () => true,
    () => false,
  );
}

interface Recomputed {
  listHash: string;
  commitment: string;
  seed: string;
  order: string[];
}

/** Runs the page's own module in the browser on the given inputs. */
function recomputeInBrowser(page: Page, inputs: { households: string[]; secret: string; publicValue: string }) {
  // A string, so that vitest leaves the browser's own dynamic import alone.
  return page.evaluate<Recomputed>(
    `import('/static/draw-recompute.js').then((m) => m.recomputeDraw(${JSON.stringify(inputs)}))`,
  );
}

async function verdictOf(page: Page): Promise<string> {
  await page.locator('body[data-ready="true"]').waitFor();
  return (await page.locator('#verdict').textContent()) ?? '';
}

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t);
  browser = await launchChromium();
  const projectId = (await loadDemo(t.deps, systemActor('demo'))).projectId;
  const cookie = await t.loginAs('supervisor');
  const rules = { maxExcessCenti: 3000, maxShortfallCenti: null, priority: null, batchSize: 12 };
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/rounds`,
    headers: { cookie },
    payload: { name: '首批摇号', orderMethod: 'lottery', rules },
  });
  roundId = created.json().id;
  await t.app.inject({ method: 'POST', url: `/api/rounds/${roundId}/commitment`, headers: { cookie } });
  const drawn = await t.app.inject({
    method: 'POST',
    url: `/api/rounds/${roundId}/draw`,
    headers: { cookie },
    payload: { publicValue: '03 15 22 36 41' },
  });
  expect(drawn.statusCode).toBe(200);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the in-browser draw verifier', () => {
  it('reproduces the pinned vector and draw.ts on awkward inputs, with WebCrypto', async () => {
    const context = await newContext(browser, errors, base);
    const page = errors.watch(await context.newPage());
    await page.goto(`/public/rounds/${roundId}/verify`);
    const pinned = await recomputeInBrowser(page, { ...vector, households: vector.codes });
    expect(pinned).toEqual({
      listHash: vector.listHash,
      commitment: vector.commitment,
      seed: vector.seed,
      order: vector.order,
    });
    // Codes above U+FFFF, spaces and a long list, so the stream runs over many blocks and rejects some draws.
    const codes = [...Array.from({ length: 300 }, (_, i) => `H-${i}`), '\u{20000}甲', '\uFE4F乙', 'Ä ö'];
    const inputs = { households: codes, secret: 'ab'.repeat(32), publicValue: ' 2026 福彩 3D 第 123 期 ' };
    const server = runDraw({ codes, secret: inputs.secret, publicValue: inputs.publicValue });
    expect(await recomputeInBrowser(page, inputs)).toEqual(server);
    // The same vector as a notice passes draw:verify too.
    const vectorNotice = {
      algorithm: DRAW_ALGORITHM,
      project: { code: 'T', name: '测试' },
      round: { id: 'v', name: '向量' },
      households: sortByCodePoint(vector.codes),
      listHash: vector.listHash,
      commitment: vector.commitment,
      committedAt: null,
      publicValue: vector.publicValue,
      secret: vector.secret,
      seed: vector.seed,
      order: vector.order,
      orderedAt: null,
    };
    expect(await drawVerify(vectorNotice)).toBe(true);
    expect(await drawVerify({ ...vectorNotice, seed: vector.listHash })).toBe(false);
    await context.close();
  }, 60_000);

  it('opens from the QR of a real notice and says 一致, as draw:verify does', async () => {
    const context = await newContext(browser, errors, base, PHONE);
    const page = errors.watch(await context.newPage());
    await page.goto(`/public/rounds/${roundId}/notice`);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('发布单位：');
    expect(body).toContain('（盖章处）');
    expect(body).not.toContain('draw:verify');
    const href = (await page.locator('a.verify-qr').getAttribute('href')) ?? '';
    expect(href).toBe(`${t.deps.config.ANJU_PUBLIC_URL}/public/rounds/${roundId}/verify`);
    // The QR's modules are exactly those of the verifier's address.
    const matrix = createQrMatrix(href);
    const expected: string[] = [];
    for (let row = 0; row < matrix.size; row++)
      for (let col = 0; col < matrix.size; col++) if (matrix.isDark(row, col)) expected.push(`M${col} ${row}h1v1h-1z`);
    expect(await page.locator('a.verify-qr svg path').getAttribute('d')).toBe(expected.join(''));
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'draw-verifier-1-notice', true);

    await page.goto(new URL(href).pathname);
    expect(await verdictOf(page)).toMatch(/^一致/);
    expect(await page.locator('#problems li').count()).toBe(0);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'draw-verifier-2-agrees');

    const notice = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.json` })).json();
    expect(await drawVerify(notice)).toBe(true);
    // The paper notice from the same round: issuer, seal block, the QR's caption, and no command to run.
    const pdf = await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.pdf` });
    const pdfText = (await readPdf(pdf.rawPayload)).map((p) => p.text).join('\n');
    expect(pdfText).toContain(`发布单位：${notice.issuer}`);
    expect(pdfText).toContain('（盖章处）');
    expect(pdfText).toContain(NOTICE_VERIFY_CAPTION);
    expect(pdfText).not.toContain('npm run');
    const inBrowser = await recomputeInBrowser(page, notice);
    expect(inBrowser.order).toEqual(notice.order);
    expect(inBrowser.order).toEqual(
      runDraw({ codes: notice.households, secret: notice.secret, publicValue: notice.publicValue }).order,
    );
    await context.close();
  }, 60_000);

  it('before the draw, says the draw has not happened instead of a verdict', async () => {
    const cookie = await t.loginAs('supervisor');
    const projectId = (await t.deps.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
    const rules = { maxExcessCenti: 3000, maxShortfallCenti: null, priority: null, batchSize: 12 };
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/rounds`,
      headers: { cookie },
      payload: { name: '次批摇号', orderMethod: 'lottery', rules },
    });
    const pendingId = created.json().id;
    await t.app.inject({ method: 'POST', url: `/api/rounds/${pendingId}/commitment`, headers: { cookie } });
    const context = await newContext(browser, errors, base, PHONE);
    const page = errors.watch(await context.newPage());
    await page.goto(`/public/rounds/${pendingId}/verify`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('main').textContent()).toContain('摇号尚未进行');
    expect(await page.locator('#verdict').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('says 不一致 and names the value when a figure is changed, as draw:verify fails', async () => {
    const context = await newContext(browser, errors, base, PHONE);
    const page = errors.watch(await context.newPage());
    await page.goto(`/public/rounds/${roundId}/verify`);
    expect(await verdictOf(page)).toMatch(/^一致/);

    await page.getByLabel('公开随机值 publicValue').fill('03 15 22 36 42');
    await page.getByRole('button', { name: '重新核验' }).click();
    await page.locator('#verdict.bad').waitFor();
    expect(await page.locator('#verdict').textContent()).toMatch(/^不一致/);
    expect(await page.locator('#problems').textContent()).toContain('种子不一致');
    await screenshot(page, 'draw-verifier-3-tampered');
    const notice = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/notice.json` })).json();
    expect(await drawVerify({ ...notice, publicValue: '03 15 22 36 42' })).toBe(false);

    await page.reload();
    expect(await verdictOf(page)).toMatch(/^一致/);
    const order = (await page.locator('#order').inputValue()).split('\n');
    [order[0], order[1]] = [order[1] ?? '', order[0] ?? ''];
    await page.locator('#order').fill(order.join('\n'));
    await page.getByRole('button', { name: '重新核验' }).click();
    await page.locator('#verdict.bad').waitFor();
    expect(await page.locator('#problems').textContent()).toContain('选房顺序第 1 位不一致');
    await context.close();
    expect(errors.messages).toEqual([]);
  }, 60_000);
});
