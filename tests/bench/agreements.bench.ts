import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadAgreementTemplate } from '../../src/agreements/agreement-template.js';
import type { AgreementView } from '../../src/agreements/agreement-view.js';
import { gatherAgreementView } from '../../src/agreements/agreement-view.service.js';
import { findAgreement } from '../../src/agreements/agreements.repo.js';
import { startBatchPrint } from '../../src/agreements/batch-print.service.js';
import { renderAgreementHtml } from '../../src/agreements/render-agreement-html.js';
import { TEMPLATE_PATH } from '../support/agreement-view.js';
import { agreementsFixture } from '../support/agreements.js';
import { createTestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function chromiumMedian(view: AgreementView, runs: number): Promise<number | null> {
  if (!existsSync(CHROMIUM)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-'));
  // The package exports only its JS entry; the fonts sit beside it.
  const font = join(
    dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
    '..',
    'fonts',
    'NotoSansHans-Regular.otf',
  );
  const file = join(dir, 'agreement.html');
  writeFileSync(file, renderAgreementHtml(view, loadAgreementTemplate(TEMPLATE_PATH), pathToFileURL(font).href));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const started = performance.now();
      await page.goto(pathToFileURL(file).href);
      await page.pdf({ format: 'A4', printBackground: true });
      if (i >= 2) times.push(performance.now() - started);
    }
    return quantile(
      times.sort((a, b) => a - b),
      0.5,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Agreement PDFs: per-agreement latency, the demo round's 96 in one batch, and headless Chromium for scale. */
export async function benchAgreements(): Promise<void> {
  const t = await createTestApp();
  try {
    const fixture = await agreementsFixture(t, 96);
    const views: AgreementView[] = [];
    for (const a of fixture.agreements) {
      const row = await findAgreement(t.deps.db, a.id);
      if (row)
        views.push(
          await gatherAgreementView(t.deps.db, row, t.deps.config.ANJU_PUBLIC_URL, t.deps.printer.templateVersion),
        );
    }
    // A running service has rendered agreements before: warm up on the first households, time the others.
    const WARM_UP = 16;
    for (const view of views.slice(0, WARM_UP)) await t.deps.printer.render(view);
    const times: number[] = [];
    let bytes = 0;
    for (const view of views.slice(WARM_UP)) {
      const started = performance.now();
      bytes += (await t.deps.printer.render(view)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p50 = quantile(times, 0.5);
    console.log(
      `agreements: ${times.length} demo agreements rendered after ${WARM_UP} others, p50 ${p50.toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, mean size ${Math.round(bytes / times.length / 1024)} KiB`,
    );

    const started = performance.now();
    const job = startBatchPrint(t.deps, { id: null, name: 'bench', roles: ['supervisor'] }, fixture.roundId);
    while (job.status === 'running') await new Promise((resolve) => setTimeout(resolve, 10));
    console.log(
      `  batch: the demo round's ${job.done} agreements generated, stored and zipped in ${((performance.now() - started) / 1000).toFixed(2)} s (${job.status})`,
    );

    const view = views[0];
    const browser = view ? await chromiumMedian(view, 10) : null;
    if (browser === null) console.log(`  chromium: skipped (${CHROMIUM} not installed)`);
    else
      console.log(
        `  chromium (HTML → PDF, playwright-core): p50 ${browser.toFixed(1)} ms; pdfkit is ${(browser / p50).toFixed(1)}× faster`,
      );
  } finally {
    await t.close();
  }
}
