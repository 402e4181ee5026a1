import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsFixture, headOf } from './support/agreements.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Resident retrieval must not tell an existing agreement from a missing one, nor let anyone guess on. */
let t: TestApp;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
let voidedNumber: string;

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 6);
  const target = fixture.agreements[5];
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/agreements/${target?.id}/regenerate`,
    headers: { cookie: fixture.supervisor },
    payload: { reason: '户主姓名录入有误' },
  });
  expect(res.statusCode).toBe(200);
  voidedNumber = target?.number ?? '';
});
afterAll(async () => t.close());

let nextIp = 0;
const freshIp = () => `10.20.${Math.floor(++nextIp / 250)}.${nextIp % 250}`;
const download = (number: string, idSuffix: string, options: { ip?: string; html?: boolean } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/public/agreements/download',
    remoteAddress: options.ip ?? freshIp(),
    headers: options.html ? { accept: 'text/html' } : {},
    payload: { number, idSuffix },
  });
const suffixOf = async (householdId: string) => (await headOf(t, householdId)).idNumber.slice(-6);
const otherSuffix = (suffix: string) => (suffix === '123456' ? '654321' : '123456');
const shape = (res: Awaited<ReturnType<typeof download>>) => ({
  status: res.statusCode,
  type: res.headers['content-type'],
  headers: Object.keys(res.headers)
    .filter((h) => h !== 'date' && h !== 'content-length')
    .sort(),
  body: res.body,
});

describe('resident retrieval cannot enumerate', () => {
  it('answers a missing number, a wrong ID suffix and a voided agreement with a wrong suffix identically, as JSON and as the page; the right pair learns when it was voided', async () => {
    const [first] = fixture.agreements;
    const suffix = await suffixOf(first?.householdId ?? '');
    const voidedSuffix = await suffixOf(fixture.agreements[5]?.householdId ?? '');
    for (const html of [false, true]) {
      const missing = shape(await download('FJW-2026-9999', suffix, { html }));
      const wrongSuffix = shape(await download(first?.number ?? '', otherSuffix(suffix), { html }));
      const voided = shape(await download(voidedNumber, otherSuffix(voidedSuffix), { html }));
      const neighbour = shape(await download(fixture.agreements[1]?.number ?? '', suffix, { html }));
      expect(missing.status).toBe(404);
      expect(wrongSuffix).toEqual(missing);
      expect(voided).toEqual(missing);
      expect(neighbour).toEqual(missing);
      const owner = await download(voidedNumber, voidedSuffix, { html });
      expect(owner.statusCode).toBe(410);
      expect(owner.body).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?（北京时间）作废/);
    }
    const json = JSON.parse(shape(await download('FJW-2026-9999', suffix)).body);
    expect(json).toEqual({ code: 'NOT_FOUND', message: '协议编号或身份证号后六位不正确，请核对后重试' });
  });

  it('refuses a malformed suffix the same way whether or not the number exists', async () => {
    const [first] = fixture.agreements;
    const real = await download(first?.number ?? '', '1234567');
    const missing = await download('FJW-2026-9999', '1234567');
    expect(real.statusCode).toBe(400);
    expect(real.body).toBe(missing.body);
  });

  it('locks an agreement for the address that guessed five times wrong, however it spelled the number, and not for its owner elsewhere', async () => {
    // Not the first two: the first test already spent tries on them.
    const target = fixture.agreements[3];
    const number = target?.number ?? '';
    const suffix = await suffixOf(target?.householdId ?? '');
    const guesser = '10.40.0.1';
    const spellings = [number, number.toLowerCase(), ` ${number} `, number, number.toLowerCase()];
    for (const spelled of spellings)
      expect((await download(spelled, otherSuffix(suffix), { ip: guesser })).statusCode).toBe(404);
    const locked = await download(number, suffix, { ip: guesser });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Five wrong tries from five addresses lock nobody out: numbers run in sequence, and one
    // address could otherwise lock every neighbour's agreement.
    for (let i = 0; i < 5; i++) expect((await download(number, otherSuffix(suffix))).statusCode).toBe(404);
    expect((await download(number, suffix, { ip: '10.40.0.2' })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) await download('FJW-2026-8888', suffix, { ip: guesser });
    const lockedMissing = await download('FJW-2026-8888', suffix, { ip: guesser });
    expect(shape(lockedMissing)).toEqual(shape(await download(number, suffix, { ip: guesser })));
  });

  it('stops one address after twenty tries, whatever numbers it tries, and not its neighbours', async () => {
    const third = fixture.agreements[4];
    const suffix = await suffixOf(third?.householdId ?? '');
    for (let i = 0; i < 20; i++)
      expect(
        (await download(`FJW-2026-${String(100 + i).padStart(4, '0')}`, suffix, { ip: '10.30.0.1' })).statusCode,
      ).toBe(404);
    const blocked = await download(third?.number ?? '', suffix, { ip: '10.30.0.1' });
    expect(blocked.statusCode).toBe(429);
    const neighbour = await download(third?.number ?? '', suffix, { ip: '10.30.0.2' });
    expect(neighbour.statusCode).toBe(200);
    expect(neighbour.headers['cache-control']).toBe('no-store');
  });

  it('shows on the verify page of a bare number nothing personal: no name, ID number or its last six, no phone, no flat', async () => {
    for (const agreement of fixture.agreements.slice(0, 4)) {
      const members = await t.deps.db
        .selectFrom('householdMembers')
        .select(['name', 'idNumber', 'phone', 'isHead'])
        .where('householdId', '=', agreement.householdId)
        .execute();
      const household = await t.deps.db
        .selectFrom('households')
        .select('phone')
        .where('id', '=', agreement.householdId)
        .executeTakeFirstOrThrow();
      for (const url of [`/public/verify/${agreement.number}`, `/public/verify/${agreement.number}/json`]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        for (const m of members) {
          expect(res.body, `${url}: full name`).not.toContain(m.name);
          expect(res.body, `${url}: ID number`).not.toContain(m.idNumber.slice(-6));
          if (m.phone) expect(res.body, `${url}: phone`).not.toContain(m.phone);
        }
        if (household.phone) expect(res.body, `${url}: household phone`).not.toContain(household.phone);
        // A bare number (no QR code from the paper) shows not even masked names: numbers run in sequence.
        expect(res.body, url).not.toMatch(/户主|家庭成员|安置房|headName|"flat"/);
      }
    }
  });
});
