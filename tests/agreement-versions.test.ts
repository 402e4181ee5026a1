import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { agreementsFixture } from './support/agreements.js';
import { bodyOfPages, pdfPageTexts, squeezed } from './support/pdf-text.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const V1 = fileURLToPath(new URL('../templates/agreement.v1.txt', import.meta.url));

/**
 * An agreement issued from agreement.v1 before the service moved to v2: its paper is what it was
 * (same bytes, same recorded version and hashes, its QR code still verifies), and only agreements
 * issued after the move are printed from v2.
 */
describe('agreements issued before a new template version', () => {
  let before: TestApp;
  let after: { runtime: Runtime; app: FastifyInstance };
  let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
  let clerk: string;
  let issuedV1: Buffer;

  const pdf = (app: FastifyInstance, id: string) =>
    app.inject({ method: 'GET', url: `/api/agreements/${id}/pdf`, headers: { cookie: clerk } });

  beforeAll(async () => {
    before = await createTestApp({ env: { ANJU_AGREEMENT_TEMPLATE: V1 } });
    fixture = await agreementsFixture(before, 2);
    clerk = await before.loginAs('signing_clerk');
    issuedV1 = (await pdf(before.app, fixture.agreements[0]?.id ?? '')).rawPayload;
    await before.app.close();
    await before.runtime.handle.close();
    // The same database, opened by a service that prints from the default template (v2).
    const runtime = await openRuntime({ ...before.database.env, ANJU_SCRYPT_LOG_N: '14' });
    after = { runtime, app: await buildApp(runtime.deps) };
  });
  afterAll(async () => {
    await after.app.close();
    await after.runtime.handle.close();
    await before.database.drop();
  });

  it('serves the v1 paper unchanged, still recorded as agreement.v1, and its QR code still verifies', async () => {
    const [first] = fixture.agreements;
    expect(after.runtime.deps.printer.templateVersion).toBe('agreement.v2');
    const again = await pdf(after.app, first?.id ?? '');
    expect(Buffer.compare(again.rawPayload, issuedV1)).toBe(0);
    // v1's words: 户型 without 为.
    expect(squeezed(bodyOfPages(await pdfPageTexts(again.rawPayload)))).toMatch(/户型[一二三四五六七八九两]室/);
    const row = await after.runtime.deps.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.templateVersion).toBe('agreement.v1');
    const code = row.contentHash?.slice(0, 16);
    const verified = await after.app.inject({ method: 'GET', url: `/public/verify/${first?.number}/json?c=${code}` });
    expect(verified.json()).toMatchObject({ found: true, contentMatches: true });
  });

  it('prints the next agreement from agreement.v2', async () => {
    const second = fixture.agreements[1];
    const res = await pdf(after.app, second?.id ?? '');
    expect(res.statusCode).toBe(200);
    expect(squeezed(bodyOfPages(await pdfPageTexts(res.rawPayload)))).toMatch(/户型为[一二三四五六七八九两]室/);
    const row = await after.runtime.deps.db
      .selectFrom('agreements')
      .select('templateVersion')
      .where('id', '=', second?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.templateVersion).toBe('agreement.v2');
  });
});
