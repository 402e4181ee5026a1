import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { TestApp } from './test-app.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '..', 'browser', 'screenshots');

/** A phone held upright (CSS pixels), and a PC screen at 200 % zoom: 1280 × 800 device pixels shown as 640 × 400. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const ZOOM_200: BrowserContextOptions = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };

/**
 * Headless Debian Chromium driven by playwright-core. Playwright gives every launch a fresh
 * temporary profile (user-data dir) and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Starts the real app on a free port of 127.0.0.1 and returns its origin. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** Console errors and uncaught page errors of every page opened in a context. */
export class PageErrors {
  readonly messages: string[] = [];

  watch(page: Page): Page {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.messages.push(`${page.url()} console: ${msg.text()} @ ${msg.location().url}`);
    });
    page.on('pageerror', (error) => this.messages.push(`${page.url()} pageerror: ${error.message}`));
    return page;
  }

  /** Drops messages a test caused on purpose (a refused request answered 4xx logs one); each pattern must have matched. */
  forgive(pattern: RegExp): void {
    const before = this.messages.length;
    const kept = this.messages.filter((m) => !pattern.test(m));
    if (kept.length === before) throw new Error(`no console message matched ${pattern}`);
    this.messages.splice(0, this.messages.length, ...kept);
  }

  /** Watches every page the context opens from now on. */
  watchContext(context: BrowserContext): BrowserContext {
    context.on('page', (page) => this.watch(page));
    return context;
  }
}

/** A context whose pages all report their errors to `errors`, with the app's origin as base URL. */
export async function newContext(
  browser: Browser,
  errors: PageErrors,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  context.setDefaultTimeout(10_000);
  return errors.watchContext(context);
}

/** Puts a staff session (from TestApp.loginAs) into the browser context. */
export async function addSession(context: BrowserContext, baseURL: string, cookieHeader: string): Promise<void> {
  const [name = '', value = ''] = cookieHeader.split('=');
  await context.addCookies([{ name, value, url: baseURL }]);
}

/** The visible viewport by default: whole-page captures of long pages cost a second or more each. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
}

/** Whether the page can be read without scrolling sideways (wide tables scroll inside their own box). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}
