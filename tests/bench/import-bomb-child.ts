import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createProjectVia } from '../support/fixtures.js';
import { createTestApp } from '../support/test-app.js';

/**
 * One hostile upload in a process of its own (started by import-bombs.ts), so its peak memory is
 * its own: `process.resourceUsage().maxRSS` never goes down. Prints one RESULT line of JSON.
 */
const [kind = 'households', path = '', contentType = ''] = process.argv.slice(2);
const t = await createTestApp();
try {
  const cookie = await t.loginAs('supervisor');
  const projectId = await createProjectVia(t.app, cookie, 'BOMB');
  const file = readFileSync(path);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  // Sampling sees the peaks between event-loop turns; maxRSS below catches the rest.
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/imports/${kind}`,
    headers: { cookie, 'content-type': contentType },
    payload: file,
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  const body = res.json<{
    code?: string;
    details?: { limit?: string; report?: { issues: unknown[] } };
    issues?: unknown[];
  }>();
  const answer = `${res.statusCode} ${body.code ?? ''} ${body.details?.limit ?? ''}`.trim();
  const issues = body.details?.report?.issues.length ?? body.issues?.length;
  console.log(
    `RESULT ${JSON.stringify({ answer, issues, ms, rssBefore, peakRss, maxRss: process.resourceUsage().maxRSS * 1024 })}`,
  );
} finally {
  await t.close();
}
