import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownBreakers } from './support/fuzz/corpus.js';
import type { RealValues } from './support/fuzz/from-schema.js';
import { createFuzzApp } from './support/fuzz/fuzz-app.js';
import { FuzzOracle, printable } from './support/fuzz/oracle.js';
import { casesFor, unreadableSegments } from './support/fuzz/route-cases.js';
import { seedRealValues } from './support/fuzz/seed.js';
import { longRun, sized } from './support/long-run.js';

// Every route the app registers, generated from its own schemas: wrong types, missing and extra
// fields, odd Unicode, megabyte strings, edge numbers, bad ID numbers and dates, path tricks.
const t = await createFuzzApp();
const jsonRoutes = t.routes.filter((r) => !r.rawBody);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runsPerRoute = sized(20, 6);
const oracle = new FuzzOracle(t);
let real: RealValues = {};

beforeAll(async () => {
  real = await seedRealValues(t);
  await oracle.start();
  console.log(`fuzz.routes: seed ${seed} (FUZZ_SEED=${seed} repeats it), ${runsPerRoute} cases per route, ${longRun ? 'long' : 'quick'} run, ${t.database.kind}`);
}, 120_000);

afterAll(async () => {
  console.log(`fuzz.routes: ${oracle.summary(jsonRoutes.length)}`);
  await t.close();
});

describe('every JSON route refuses bad input with a Chinese 4xx and changes nothing', () => {
  it('finds the routes and their schemas', () => {
    expect(jsonRoutes.length).toBeGreaterThan(60);
    expect(jsonRoutes.find((r) => r.url === '/api/projects/:id/households' && r.method === 'POST')?.parts.body?.properties).toHaveProperty('members');
  });

  jsonRoutes.forEach((route, index) => {
    const key = `${route.method} ${route.url}`;
    it(key, async () => {
      const examples = knownBreakers.filter((b) => b.route === key).map((b): [typeof b.case] => [printable({ ...b.case })]);
      await fc.assert(
        fc.asyncProperty(casesFor(route, real).map(printable), (c) => oracle.check(key, c)),
        { seed: seed + index, numRuns: runsPerRoute, examples, endOnFailure: true },
      );
    }, 180_000);
  });

  it('answers a path the router cannot read (broken escapes, parameters over 100 chars) with a Chinese 4xx', async () => {
    const withParams = jsonRoutes.filter((r) => r.url.includes('/:'));
    for (const route of withParams) {
      for (const segment of unreadableSegments) {
        const url = route.url.replace(/:[A-Za-z]+/g, segment);
        await oracle.check(`${route.method} ${route.url}`, printable({ method: route.method, url, identity: 'admin', headers: {} }));
      }
    }
  }, 180_000);

  it('saw no server error and no write on a refusal', () => {
    expect(oracle.figures.routes.size).toBe(jsonRoutes.length);
    expect(oracle.figures.serverErrors).toBe(0);
    expect(oracle.figures.changedOnRefusal).toBe(0);
    // Most cases must be refusals, or the generators have drifted into sending valid requests.
    expect(oracle.figures.byClass['4xx'] ?? 0).toBeGreaterThan(oracle.figures.cases / 3);
  });
});
