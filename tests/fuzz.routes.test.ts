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
  console.log(
    `fuzz.routes: seed ${seed} (FUZZ_SEED=${seed} repeats it), ${runsPerRoute} cases per route, ${longRun ? 'long' : 'quick'} run, ${t.database.kind}`,
  );
}, 120_000);

afterAll(async () => {
  console.log(`fuzz.routes: ${oracle.summary(jsonRoutes.length)}`);
  await t.close();
});

describe('every JSON route refuses bad input with a Chinese 4xx and changes nothing', () => {
  it('finds the routes and their schemas', () => {
    expect(jsonRoutes.length).toBeGreaterThan(60);
    expect(
      jsonRoutes.find((r) => r.url === '/api/projects/:id/households' && r.method === 'POST')?.parts.body?.properties,
    ).toHaveProperty('members');
  });

  jsonRoutes.forEach((route, index) => {
    const key = `${route.method} ${route.url}`;
    it(key, async () => {
      const examples = knownBreakers
        .filter((b) => b.route === key)
        .map((b): [typeof b.case] => [printable({ ...b.case })]);
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
        await oracle.check(
          `${route.method} ${route.url}`,
          printable({ method: route.method, url, identity: 'admin', headers: {} }),
        );
      }
    }
  }, 180_000);

  it("answers the subsidy and the agreement at the rules' largest rates and the latest date (found by the fuzz: a 500)", async () => {
    const [project] = real.project ?? [];
    const json = { 'content-type': 'application/json' };
    const rules = {
      basis: 'per_area',
      monthlyRateFen: 100_000_000,
      minimumMonthlyFen: 100_000_000,
      standardMonths: 1,
      overdueMultiplierPercent: 1000,
    };
    const patch = printable({
      method: 'PATCH',
      url: `/api/projects/${project}`,
      identity: 'admin',
      headers: json,
      payload: JSON.stringify({ transitionRules: rules, reason: '极值检查' }),
    });
    await oracle.check('PATCH /api/projects/:id', patch);
    for (const household of real.household ?? []) {
      await oracle.check(
        'GET /api/households/:id/transition-subsidy',
        printable({
          method: 'GET',
          url: `/api/households/${household}/transition-subsidy?endDate=9999-12-31`,
          identity: 'admin',
          headers: {},
        }),
      );
      await oracle.check(
        'GET /api/households/:id/transition-subsidy',
        printable({
          method: 'GET',
          url: `/api/households/${household}/transition-subsidy?endDate=2026-12-31`,
          identity: 'admin',
          headers: {},
        }),
      );
    }
    for (const agreement of real.agreement ?? []) {
      await oracle.check(
        'POST /api/agreements/:id/regenerate',
        printable({
          method: 'POST',
          url: `/api/agreements/${agreement}/regenerate`,
          identity: 'admin',
          headers: json,
          payload: JSON.stringify({ reason: '极值检查' }),
        }),
      );
    }
  }, 120_000);

  it('saw no server error and no write on a refusal', () => {
    expect(oracle.figures.routes.size).toBe(jsonRoutes.length);
    expect(oracle.figures.serverErrors).toBe(0);
    expect(oracle.figures.changedOnRefusal).toBe(0);
    // Most cases must be refusals, or the generators have drifted into sending valid requests.
    expect(oracle.figures.byClass['4xx'] ?? 0).toBeGreaterThan(oracle.figures.cases / 3);
  });
});
