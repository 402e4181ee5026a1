import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgreementTemplate } from '../src/agreements/agreement-template.js';
import { formatShanghai } from '../src/shared/time.js';
import { agreementsFixture } from './support/agreements.js';
import { bodyOfPages, pdfPageTexts, squeezed } from './support/pdf-text.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let fixture: Awaited<ReturnType<typeof agreementsFixture>>;
let clerk: string;

beforeAll(async () => {
  t = await createTestApp();
  fixture = await agreementsFixture(t, 1);
  clerk = await t.loginAs('signing_clerk');
});
afterAll(async () => t.close());

const chineseDay = (iso: string): string => {
  const [y, m, d] = formatShanghai(iso).slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

describe('an agreement issued now, from template agreement.v2', () => {
  let pages: string[];
  let agreementId: string;

  beforeAll(async () => {
    agreementId = fixture.agreements[0]?.id ?? '';
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/agreements/${agreementId}/pdf`,
      headers: { cookie: clerk },
    });
    expect(res.statusCode).toBe(200);
    pages = await pdfPageTexts(res.rawPayload);
  });

  it('records the version it was printed from', async () => {
    const row = await t.deps.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', agreementId)
      .executeTakeFirstOrThrow();
    expect(row.templateVersion).toBe('agreement.v2');
  });

  it('says 本户每月 and 户型为…', () => {
    const all = squeezed(bodyOfPages(pages));
    expect(all).toContain('本户每月');
    expect(all).not.toContain('每户每月');
    expect(all).toMatch(/层，户型为[一二三四五六七八九两]室/);
  });

  it('writes every date as 2026年12月2日, in the body and at the signatures alike, in Shanghai time', async () => {
    const all = bodyOfPages(pages);
    expect(all).not.toMatch(/\d{4}-\d{1,2}-\d{1,2}/);
    const row = await t.deps.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', agreementId)
      .executeTakeFirstOrThrow();
    const signed = chineseDay(row.signedAt);
    // 截至 the signing day in 第五条, and twice at the signatures.
    expect(squeezed(all)).toContain(`截至${signed}，应付过渡费明细如下`);
    expect(
      pages
        .at(-1)
        ?.split('\n')
        .filter((line) => line.includes(`日期：${signed}`)),
    ).toHaveLength(2);
    expect(squeezed(all)).toMatch(/过渡期自\d{4}年\d{1,2}月\d{1,2}日起/);
  });

  it('lists every member with the full ID number (the paper goes to full-number readers only)', async () => {
    const household = fixture.agreements[0]?.householdId ?? '';
    const members = await t.deps.db
      .selectFrom('householdMembers')
      .select(['name', 'relation', 'idNumber'])
      .where('householdId', '=', household)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    const lines = pages.flatMap((page) => page.split('\n'));
    for (const m of members)
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d+ ${m.name} ${m.relation} ${m.idNumber}$`)));
    const reader = await t.loginAs('id_checker');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/agreements/${agreementId}/pdf`,
      headers: { cookie: reader },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the template files', () => {
  it('keep agreement.v1 as issued agreements carry it, and v2 with the new words', () => {
    const v1 = loadAgreementTemplate(new URL('../templates/agreement.v1.txt', import.meta.url).pathname);
    const v2 = loadAgreementTemplate(new URL('../templates/agreement.v2.txt', import.meta.url).pathname);
    expect([v1.version, v2.version]).toEqual(['agreement.v1', 'agreement.v2']);
    expect(JSON.stringify(v1.elements)).toContain('每户每月');
    expect(JSON.stringify(v2.elements)).toContain('本户每月');
    expect(JSON.stringify(v2.elements)).toContain('户型为');
  });
});
