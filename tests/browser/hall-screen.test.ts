import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../src/shared/masking.js';
import { launchChromium, listen, newContext, PageErrors, screenshot } from '../support/browser.js';
import { type Demo, drawnRound, loadDemoProject } from '../support/rounds.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The hall screen on a 1920 × 1080 display: fits, one line per call, survives a reload, speaks, counts. */
let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let demo: Demo;
let supervisor: string;
let roundId: string;
let hall: Page;
const errors = new PageErrors();
const LIVE_MS = 2_000;
const HALL = { viewport: { width: 1920, height: 1080 } };

// Headless Chromium has no voices: a zh-CN one is stubbed in, and every utterance is kept for the test to read.
const SPEECH_STUB = `
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; } };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [{ lang: 'zh-CN', name: '普通话', default: true, localService: true, voiceURI: 'stub' }],
    speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }),
    cancel: () => {},
  } });`;
// No voice at all: the chime plays instead, counted by the oscillators it starts.
const NO_VOICE_STUB = `
  window.__spoken = [];
  window.__tones = 0;
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [], speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }), cancel: () => {},
  } });
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__tones += 1; return create.call(this); };`;

const post = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: supervisor }, ...(payload ? { payload } : {}) });

const spoken = async (page: Page) =>
  JSON.parse(await page.evaluate<string>('JSON.stringify(window.__spoken)')) as { text: string; lang: string }[];

/** Every element of the screen inside its card, and the whole screen inside the viewport. */
const MISFITS = `(() => {
  const out = [];
  for (const card of document.querySelectorAll('.hall-screen > section, .hall-screen > header')) {
    const box = card.getBoundingClientRect();
    if (box.bottom > window.innerHeight + 1) out.push(card.className + ' below the screen');
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const clipped = el.closest('.recent-calls') && r.top >= box.bottom;
      if (!clipped && (r.left < box.left - 1 || r.right > box.right + 1)) out.push(el.tagName + ' ' + el.className + ' ' + Math.round(r.right - box.right));
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('page wider than screen');
  if (document.documentElement.scrollHeight > window.innerHeight + 1) out.push('page taller than screen');
  return JSON.stringify(out);
})()`;
const misfits = async (page: Page) => JSON.parse(await page.evaluate<string>(MISFITS)) as string[];

async function openHall(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`/hall/${roundId}`);
  await page.locator('.live-state[data-state="live"]').waitFor();
  await page.locator('#count-arrived', { hasText: /\d/ }).waitFor();
  return page;
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await loadDemoProject(t);
  supervisor = await t.loginAs('supervisor', 'chief');
  roundId = await drawnRound(t, supervisor, demo.projectId, '第一轮', '07 19 23');
  const base = await listen(t);
  browser = await launchChromium();
  context = await newContext(browser, errors, base, HALL);
  await context.addInitScript(SPEECH_STUB);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The households in draw order. */
async function inDrawOrder() {
  const { rows } = (await t.app.inject({ method: 'GET', url: `/public/rounds/${roundId}/results` })).json<{
    rows: { position: number | null; code: string }[];
  }>();
  const byCode = new Map(demo.households.map((h) => [h.code, h]));
  return rows.flatMap((r) => {
    const household = r.position === null ? undefined : byCode.get(r.code);
    return household ? [household] : [];
  });
}

/** The first two households in draw order arrived, batch 1 open. */
async function arriveFirstTwo() {
  const [first, second] = await inDrawOrder();
  if (!first || !second) throw new Error('no households in the order');
  await post(`/api/rounds/${roundId}/batches`, { number: 1 });
  for (const h of [first, second])
    expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: h.code })).statusCode).toBe(200);
  return [first, second] as const;
}

/** 材料审核 done for a household (the supervisor works any desk), so its desk may call the next one. */
async function reviewDocuments(householdId: string) {
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
  const reviewed = await post(`/api/workflows/${workflowId}/stages`, {
    stage: 'documentReview',
    form: { presented: documentChecklist },
  });
  expect(reviewed.statusCode, reviewed.body).toBe(201);
}

describe('hall screen at 1920 × 1080', () => {
  let first: Awaited<ReturnType<typeof arriveFirstTwo>>[0];
  let second: Awaited<ReturnType<typeof arriveFirstTwo>>[1];

  it('fits its cards and the screen, with counts at zero before the day', async () => {
    hall = await openHall(context);
    await hall.locator('#left-by-layout tr').nth(2).waitFor();
    expect(await misfits(hall)).toEqual([]);
    expect(await hall.locator('#count-arrived').textContent()).toBe('0');
    expect(await hall.locator('#count-waiting').textContent()).toBe('0');
    expect(await hall.locator('#count-chosen').textContent()).toBe('0');
    await screenshot(hall, 'hall-screen-1-fits-1920');
  });

  it('counts arrivals live, and speaks a call in zh-CN with the masked name', async () => {
    [first, second] = await arriveFirstTwo();
    await expect.poll(() => hall.locator('#count-arrived').textContent(), { timeout: LIVE_MS }).toBe('2');
    expect(await hall.locator('#count-waiting').textContent()).toBe('2');
    expect(
      (await post('/api/desks/sign-in', { projectId: demo.projectId, deskNumber: '3号窗口', stage: 'documentReview' }))
        .statusCode,
    ).toBe(200);
    expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    await hall.locator('#now-calling').getByText('3号窗口').waitFor({ timeout: LIVE_MS });
    expect(await spoken(hall)).toEqual([
      { text: `请 第1号 ${maskName(first.headName)} 到 3号窗口 材料审核`, lang: 'zh-CN' },
    ]);
    await expect.poll(() => hall.locator('#count-waiting').textContent(), { timeout: LIVE_MS }).toBe('1');
  });

  it('lists a call answered again once, and keeps 最近叫号 on the screen', async () => {
    for (let i = 0; i < 4; i += 1) expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    await expect.poll(async () => (await spoken(hall)).length, { timeout: LIVE_MS }).toBe(5);
    // The same household called five times: still no earlier call to list.
    expect(await hall.locator('#recent-calls li').allTextContents()).toEqual(['暂无']);
    await reviewDocuments(first.id);
    for (let i = 0; i < 3; i += 1) expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    await hall.locator('#now-calling', { hasText: '第 2 号' }).waitFor({ timeout: LIVE_MS });
    await expect.poll(async () => (await spoken(hall)).length, { timeout: LIVE_MS }).toBe(8);
    expect((await spoken(hall)).at(-1)?.text).toBe(`请 第2号 ${maskName(second.headName)} 到 3号窗口 材料审核`);
    const lines = await hall.locator('#recent-calls li').allTextContents();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('第 1 号');
    expect(await misfits(hall)).toEqual([]);
    await screenshot(hall, 'hall-screen-2-one-line-per-call');
  });

  it('shows the current call again after a reload, without speaking it again', async () => {
    await hall.reload();
    await hall.locator('.live-state[data-state="live"]').waitFor();
    const now = hall.locator('#now-calling');
    await now.getByText('3号窗口').waitFor({ timeout: LIVE_MS });
    expect(await now.textContent()).toContain('第 2 号');
    expect(await now.textContent()).toContain(maskName(second.headName));
    expect(await hall.content()).not.toContain(second.headName);
    expect(await hall.locator('#count-arrived').textContent()).toBe('2');
    expect(await spoken(hall)).toEqual([]);
    await screenshot(hall, 'hall-screen-3-after-reload');
  });

  it('keeps quiet when muted, and remembers the switch across a reload', async () => {
    const mute = hall.getByRole('button', { name: /语音叫号/ });
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    await mute.click();
    expect(await mute.textContent()).toBe('语音叫号：已静音');
    await hall.reload();
    await hall.locator('.live-state[data-state="live"]').waitFor();
    expect(await hall.locator('#hall-voice').getAttribute('aria-pressed')).toBe('false');
    await hall.evaluate("document.getElementById('now-calling').classList.remove('flash')");
    expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    await hall.locator('#now-calling.flash').waitFor({ timeout: LIVE_MS });
    expect(await spoken(hall)).toEqual([]);
    await screenshot(hall, 'hall-screen-4-muted');
    await hall.locator('#hall-voice').click();
    expect(await hall.locator('#hall-voice').getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps a long morning of calls to the last few, on the screen', async () => {
    const [, called, ...later] = await inDrawOrder();
    let current = called;
    for (const next of later.slice(0, 7)) {
      if (!current) break;
      expect((await post(`/api/rounds/${roundId}/arrivals`, { by: 'code', value: next.code })).statusCode).toBe(200);
      await reviewDocuments(current.id);
      expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
      current = next;
    }
    await hall.locator('#now-calling', { hasText: '第 9 号' }).waitFor({ timeout: LIVE_MS });
    const lines = await hall.locator('#recent-calls li').allTextContents();
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('第 8 号');
    expect(new Set(lines).size).toBe(5);
    await expect.poll(() => hall.locator('#count-arrived').textContent(), { timeout: LIVE_MS }).toBe('9');
    expect(await misfits(hall)).toEqual([]);
    await screenshot(hall, 'hall-screen-5-full-recent-list');
  });

  it('chimes where the browser has no Chinese voice', async () => {
    const quiet = await newContext(browser, errors, new URL(hall.url()).origin, HALL);
    await quiet.addInitScript(NO_VOICE_STUB);
    const page = await openHall(quiet);
    // Both screens fetch the counts after the call: let them land before the app closes (PostgreSQL minds).
    const countsFetched = (screen: Page) =>
      screen.waitForResponse((res) => res.url().endsWith(`/public/rounds/${roundId}/hall`));
    const settled = Promise.all([countsFetched(page), countsFetched(hall)]);
    expect((await post(`/api/rounds/${roundId}/calls`)).statusCode).toBe(200);
    await expect.poll(() => page.evaluate<number>('window.__tones'), { timeout: LIVE_MS }).toBe(2);
    expect(await spoken(page)).toEqual([]);
    await settled;
    await quiet.close();
  });

  it('logged no console or page errors', () => {
    expect(errors.messages).toEqual([]);
  });
});
