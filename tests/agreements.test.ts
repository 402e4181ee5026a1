import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherAgreementView } from '../src/agreements/agreement-view.service.js';
import { agreementsFixture, headOf } from './support/agreements.js';
import { pdfPageTexts, squeezed } from './support/pdf-text.js';
import { greyPng } from './support/png.js';
import { pdfOfPages } from './support/scan-pdf.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
let clerk: string;
const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 3);
  clerk = await t.loginAs('signing_clerk');
});
afterAll(async () => t.close());

const get = (url: string, cookie = clerk) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const upload = (id: string, body: Buffer, type: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/agreements/${id}/signed-copy`,
    headers: { cookie: clerk, 'content-type': type },
    payload: body,
  });
const countDocuments = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('issued agreements', () => {
  it('renders the Chinese agreement with the head, the flat, the 大写 total and the number on every page', async () => {
    const [first] = fixture.agreements;
    const res = await get(`/api/agreements/${first?.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPageTexts(res.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, text] of pages.entries()) {
      expect(text).toContain(first?.number);
      expect(text).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
    }
    const all = pages.join('\n');
    const head = await headOf(t, first?.householdId ?? '');
    expect(pages[0]).toContain(head.name);
    expect(all).toContain(head.idNumber);
    const selection = await t.deps.db
      .selectFrom('selections')
      .innerJoin('units', 'units.id', 'selections.unitId')
      .select(['units.room', 'units.floor'])
      .where('selections.householdId', '=', first?.householdId ?? '')
      .where('selections.undoneAt', 'is', null)
      .executeTakeFirstOrThrow();
    expect(squeezed(all)).toMatch(new RegExp(`7#楼\\d单元${selection.room}室`));
    const row = await t.deps.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    const view = await gatherAgreementView(
      t.deps.db,
      row,
      t.deps.config.ANJU_PUBLIC_URL,
      t.deps.printer.templateVersion,
    );
    // Line breaks may fall inside the 大写 amount; compare without white space.
    const expected = view.settlement.direction === 'none' ? '面积无差价' : view.settlement.totalCapital;
    expect(expected).toMatch(/^[壹贰叁肆伍陆柒捌玖零拾佰仟万亿元角分整面积无差价]+$/);
    expect(squeezed(all)).toContain(expected);
  });

  it('serves the same bytes every time after the first generation', async () => {
    const [first] = fixture.agreements;
    const documents = await countDocuments();
    const a = await get(`/api/agreements/${first?.id}/pdf`);
    const b = await get(`/api/agreements/${first?.id}/pdf`);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    expect(a.headers.etag).toBe(b.headers.etag);
    expect(await countDocuments()).toBe(documents);
    const summary = (await get(`/api/agreements/${first?.id}`)).json();
    expect(summary).toMatchObject({ status: 'issued', templateVersion: expect.any(String) });
    expect(`"${summary.pdfSha256}"`).toBe(a.headers.etag);
  });

  it('regenerates only for a supervisor with a reason, voiding the old number', async () => {
    const second = fixture.agreements[1];
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/agreements/${second?.id}/regenerate`,
          headers: { cookie: clerk },
          payload: { reason: '更正' },
        })
      ).statusCode,
    ).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/agreements/${second?.id}/regenerate`,
      headers: { cookie: fixture.supervisor },
      payload: { reason: '户主姓名录入有误，已更正' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'issued', replacesId: second?.id });
    expect(res.json().number).not.toBe(second?.number);
    expect((await get(`/api/agreements/${second?.id}`)).json()).toMatchObject({
      status: 'voided',
      voidReason: '户主姓名录入有误，已更正',
    });
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('action', '=', 'agreement.regenerate')
      .executeTakeFirstOrThrow();
    expect(audit.afterJson).toContain(second?.number);
  });
});

describe('signed copies', () => {
  it('accepts a PDF by content and marks the agreement signed', async () => {
    const [first] = fixture.agreements;
    const scan = (await get(`/api/agreements/${first?.id}/pdf`)).rawPayload;
    const pdf = await upload(first?.id ?? '', scan, 'application/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.json()).toMatchObject({
      status: 'signed',
      signedCopy: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('refuses a copy with fewer pages than the agreement: one photo, or a short PDF scan', async () => {
    const [, , third] = fixture.agreements;
    const agreementPages = (await pdfPageTexts((await get(`/api/agreements/${third?.id}/pdf`)).rawPayload)).length;
    const documents = await countDocuments();
    expect(agreementPages).toBeGreaterThan(1);
    const photo = await upload(third?.id ?? '', greyPng(), 'image/png');
    expect(photo.statusCode).toBe(422);
    expect(photo.json()).toMatchObject({ code: 'SIGNED_COPY_PAGES', field: 'file' });
    expect(photo.json().message).toContain(`共 ${agreementPages} 页`);
    const short = await upload(third?.id ?? '', await pdfOfPages(agreementPages - 1), 'application/pdf');
    expect(short.statusCode).toBe(422);
    expect(short.json().message).toContain(`只有 ${agreementPages - 1} 页`);
    expect(await countDocuments()).toBe(documents);
    const whole = await upload(third?.id ?? '', await pdfOfPages(agreementPages), 'application/pdf');
    expect(whole.json()).toMatchObject({ status: 'signed' });
  });

  it('refuses a corrupted file and a wrong type with a Chinese message, writing nothing', async () => {
    const [first, , third] = fixture.agreements;
    const documents = await countDocuments();
    const scan = (await get(`/api/agreements/${first?.id}/pdf`)).rawPayload;
    const truncated = await upload(third?.id ?? '', scan.subarray(0, Math.floor(scan.length / 2)), 'application/pdf');
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().message).toMatch(/损坏/);
    const png = greyPng();
    png[png.length - 20] = (png[png.length - 20] ?? 0) ^ 0xff;
    const badPng = await upload(third?.id ?? '', png, 'image/png');
    expect(badPng.statusCode).toBe(400);
    const disguised = await upload(
      third?.id ?? '',
      Buffer.from('MZ\x90\x00 this is an executable, not a scan'),
      'application/pdf',
    );
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().message).toMatch(chinese);
    expect(await countDocuments()).toBe(documents);
  });
});

describe('batch printing', () => {
  it('renders every agreement of the round into a zip, with progress', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/rounds/${fixture.roundId}/agreements/print`,
      headers: { cookie: fixture.supervisor },
    });
    expect(started.statusCode).toBe(202);
    let job = started.json();
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await get(`/api/print-jobs/${job.id}`, fixture.supervisor)).json();
    }
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3 });
    const zip = await get(`/api/print-jobs/${job.id}/file`, fixture.supervisor);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files)).toHaveLength(3);
    for (const bytes of Object.values(files)) expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
