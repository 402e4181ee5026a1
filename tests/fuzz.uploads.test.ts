import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealValues } from './support/fuzz/from-schema.js';
import { createFuzzApp } from './support/fuzz/fuzz-app.js';
import { FuzzOracle, printable } from './support/fuzz/oracle.js';
import { seedRealValues } from './support/fuzz/seed.js';
import {
  hostileWorkbooks,
  oddCsvFiles,
  oddScans,
  oddWorkbooks,
  type UploadMaterial,
  uploadCases,
} from './support/fuzz/upload-cases.js';
import { longRun, sized } from './support/long-run.js';

// Raw uploads (sheets, signed scans, PDFs to verify) under a small byte limit, so that bodies over
// it are cheap to send: corrupt and truncated zips, workbooks without sheets, huge cells, formulas,
// broken encodings, wrong content types, a Content-Length that lies, and the zip and row bombs.
const LIMIT = 64 * 1024;
const t = await createFuzzApp({ ANJU_IMPORT_MAX_BYTES: String(LIMIT), ANJU_SIGNED_COPY_MAX_BYTES: String(LIMIT) });
const uploadRoutes = t.routes.filter((r) => r.rawBody);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runsPerRoute = sized(80, 25);
const oracle = new FuzzOracle(t);
let real: RealValues = {};
let material: UploadMaterial = { exports: [], limit: LIMIT };
let files: Buffer[] = [];

beforeAll(async () => {
  real = await seedRealValues(t);
  const admin = await t.loginAs('admin');
  const project = real.project?.[0] ?? '';
  const exports: Buffer[] = [];
  for (const what of ['households', 'units']) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${project}/exports/${what}.xlsx`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    exports.push(res.rawPayload);
  }
  material = { exports, limit: LIMIT };
  files = [...(await oddWorkbooks()), ...(await hostileWorkbooks()), ...oddCsvFiles(), ...oddScans()];
  await oracle.start();
  console.log(
    `fuzz.uploads: seed ${seed} (FUZZ_SEED=${seed} repeats it), ${runsPerRoute} cases per route, ${longRun ? 'long' : 'quick'} run, ${t.database.kind}`,
  );
}, 180_000);

afterAll(async () => {
  console.log(`fuzz.uploads: ${oracle.summary(uploadRoutes.length)}`);
  await t.close();
});

/** Real ids mostly, so the body is what gets judged; sometimes one that matches nothing. */
function urlsFor(url: string): fc.Arbitrary<string> {
  const [param, pool] = url.includes(':number')
    ? [':number', real.agreementNumber]
    : url.startsWith('/api/agreements')
      ? [':id', real.agreement]
      : [':id', real.project];
  const ids = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(pool ?? ['none'])) },
    { weight: 1, arbitrary: fc.constantFrom('no-such-id', '..', '%00', 'a'.repeat(64)) },
  );
  return ids.map((id) => url.replace(param, id));
}

describe('raw uploads are refused in Chinese and change nothing', () => {
  it('finds the upload routes', () => {
    expect(uploadRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'POST /api/agreements/:id/signed-copy',
      'POST /api/forfeits/:id/statement',
      'POST /api/projects/:id/imports/households',
      'POST /api/projects/:id/imports/units',
      'POST /public/verify/:number/file',
    ]);
  });

  uploadRoutes.forEach((route, index) => {
    const key = `${route.method} ${route.url}`;
    it(key, async () => {
      await fc.assert(
        fc.asyncProperty(uploadCases(route.method, urlsFor(route.url), files, material).map(printable), (c) =>
          oracle.check(key, c),
        ),
        { seed: seed + index, numRuns: runsPerRoute, endOnFailure: true },
      );
    }, 300_000);
  });

  it('saw no server error and no write on a refusal', () => {
    expect(oracle.figures.routes.size).toBe(uploadRoutes.length);
    expect(oracle.figures.serverErrors).toBe(0);
    expect(oracle.figures.changedOnRefusal).toBe(0);
  });
});
