import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsFixture, headOf } from './support/agreements.js';
import { pdfPageTexts } from './support/pdf-text.js';
import { pdfOfPages } from './support/scan-pdf.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 3);
});
afterAll(async () => t.close());

const download = (number: string, idSuffix: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/public/agreements/download',
    remoteAddress: ip,
    payload: { number, idSuffix },
  });

describe('resident retrieval', () => {
  it('gives the same answer for a wrong number and a wrong ID suffix', async () => {
    const [first] = fixture.agreements;
    const head = await headOf(t, first?.householdId ?? '');
    const wrongId = await download(
      first?.number ?? '',
      head.idNumber.slice(-6) === '000000' ? '111111' : '000000',
      '10.0.0.2',
    );
    const wrongNumber = await download('FJW-2026-9999', head.idNumber.slice(-6), '10.0.0.3');
    expect(wrongId.statusCode).toBe(404);
    expect(wrongNumber.statusCode).toBe(404);
    expect(wrongId.body).toBe(wrongNumber.body);
    expect(wrongId.json().message).toContain('不正确');
  });

  it('downloads the agreement with the right pair, audited, also from the HTML form', async () => {
    const [, second] = fixture.agreements;
    const head = await headOf(t, second?.householdId ?? '');
    const res = await download((second?.number ?? '').toLowerCase(), head.idNumber.slice(-6).toLowerCase(), '10.0.0.4');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((await pdfPageTexts(res.rawPayload))[0]).toContain(second?.number);
    const form = await t.app.inject({
      method: 'POST',
      url: '/public/agreements/download',
      remoteAddress: '10.0.0.5',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: `number=${encodeURIComponent(second?.number ?? '')}&idSuffix=${head.idNumber.slice(-6)}`,
    });
    expect(form.statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select('actorName')
      .where('action', '=', 'agreement.resident_download')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.actorName)).toEqual(['resident@10.0.0.4', 'resident@10.0.0.5']);
    const page = await t.app.inject({ method: 'GET', url: '/public/agreements' });
    expect(page.body).toContain('户主身份证号后六位');
  });

  it('downloads the PDF Anju generated, never the signed copy uploaded for it', async () => {
    const [first] = fixture.agreements;
    const clerk = await t.loginAs('signing_clerk');
    const issued = await t.app.inject({
      method: 'GET',
      url: `/api/agreements/${first?.id}/pdf`,
      headers: { cookie: clerk },
    });
    const signedScan = await pdfOfPages((await pdfPageTexts(issued.rawPayload)).length + 1);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/agreements/${first?.id}/signed-copy`,
      headers: { cookie: clerk, 'content-type': 'application/pdf' },
      payload: signedScan,
    });
    expect(uploaded.json()).toMatchObject({ status: 'signed' });
    const head = await headOf(t, first?.householdId ?? '');
    const res = await download(first?.number ?? '', head.idNumber.slice(-6), '10.0.0.6');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`${first?.number}.pdf`);
    expect(res.rawPayload.equals(issued.rawPayload)).toBe(true);
    expect(res.rawPayload.equals(signedScan)).toBe(false);
  });

  it('locks an agreement after five wrong tries from an address, even for the right pair from there', async () => {
    const [, , third] = fixture.agreements;
    const head = await headOf(t, third?.householdId ?? '');
    for (let i = 0; i < 5; i++)
      expect((await download(third?.number ?? '', 'ABCDEF', '10.1.0.1')).statusCode).toBe(404);
    const locked = await download(third?.number ?? '', head.idNumber.slice(-6), '10.1.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits one address to twenty tries', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await download(`FJW-2026-8${String(i).padStart(3, '0')}`, '123456', '10.2.0.1')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('QR verification', () => {
  it('confirms a genuine paper, flags a altered code, and masks names', async () => {
    const [first] = fixture.agreements;
    const staff = await t.loginAs('supervisor');
    await t.app.inject({ method: 'GET', url: `/api/agreements/${first?.id}/pdf`, headers: { cookie: staff } });
    const row = await t.deps.db
      .selectFrom('agreements')
      .select(['contentHash'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    const code = (row.contentHash ?? '').slice(0, 16);
    const good = await t.app.inject({ method: 'GET', url: `/public/verify/${first?.number}?c=${code}` });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('校验通过');
    const head = await headOf(t, first?.householdId ?? '');
    expect(good.body).not.toContain(head.name);
    expect(good.body).toContain(`${head.name[0]}*`);
    const altered = await t.app.inject({
      method: 'GET',
      url: `/public/verify/${first?.number}?c=${code.replace(/^./, code[0] === 'a' ? 'b' : 'a')}`,
    });
    expect(altered.body).toContain('可能被改动');
    // Numbers run in sequence: without the paper's code, a number tells only that it exists.
    for (const bare of [
      `/public/verify/${first?.number}`,
      `/public/verify/${first?.number}/json`,
      `/public/verify/${first?.number}?c=${code.replace(/^./, code[0] === 'a' ? 'b' : 'a')}`,
    ]) {
      const answer = await t.app.inject({ method: 'GET', url: bare });
      expect(answer.statusCode, bare).toBe(200);
      expect(answer.body, bare).not.toContain(`${head.name[0]}*`);
      expect(answer.body, bare).not.toMatch(/户主|家庭成员|安置房|headName|"flat"/);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/public/verify/${first?.number}/json?c=${code}` })).json(),
    ).toMatchObject({
      contentMatches: true,
      headName: `${head.name[0]}*${head.name.length > 2 ? head.name.slice(-1) : ''}`,
    });
    const missing = await t.app.inject({ method: 'GET', url: '/public/verify/FJW-2000-0001' });
    expect(missing.body).toContain('未找到');
  });

  it('compares an uploaded PDF with the registered original', async () => {
    const [first] = fixture.agreements;
    const staff = await t.loginAs('supervisor');
    const original = (
      await t.app.inject({ method: 'GET', url: `/api/agreements/${first?.id}/pdf`, headers: { cookie: staff } })
    ).rawPayload;
    const same = await t.app.inject({
      method: 'POST',
      url: `/public/verify/${first?.number}/file`,
      headers: { 'content-type': 'application/pdf' },
      payload: original,
    });
    expect(same.json()).toMatchObject({ found: true, fileMatches: true });
    const changed = Buffer.from(original);
    changed[200] = (changed[200] ?? 0) ^ 1;
    const other = await t.app.inject({
      method: 'POST',
      url: `/public/verify/${first?.number}/file`,
      headers: { 'content-type': 'application/pdf' },
      payload: changed,
    });
    expect(other.json()).toMatchObject({ fileMatches: false });
  });

  it('prints the round notice as a PDF too', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/public/rounds/${fixture.roundId}/notice.pdf` });
    expect(res.statusCode).toBe(200);
    const round = await t.deps.db
      .selectFrom('allocationRounds')
      .select(['listHash'])
      .where('id', '=', fixture.roundId)
      .executeTakeFirstOrThrow();
    expect((await pdfPageTexts(res.rawPayload)).join('').replace(/\s/g, '')).toContain(round.listHash);
  });
});
