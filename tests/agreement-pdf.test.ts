import { beforeAll, describe, expect, it } from 'vitest';
import { loadAgreementTemplate, parseAgreementTemplate } from '../src/agreements/agreement-template.js';
import type { AgreementView } from '../src/agreements/agreement-view.js';
import { renderAgreementPdf, VERIFY_CAPTION } from '../src/agreements/render-agreement.js';
import { agreementViewFixture, TEMPLATE_PATH, templateText } from './support/agreement-view.js';
import { type PdfPage, readPdf, squeezed } from './support/pdf-text.js';

const template = loadAgreementTemplate(TEMPLATE_PATH);
const A4 = { width: 595.28, height: 841.89 };

function expectRunningHeadOnEveryPage(pages: PdfPage[], number: string): void {
  for (const [i, page] of pages.entries()) {
    expect(page.text, `page ${i + 1}`).toContain(`协议编号：${number}`);
    expect(page.text, `page ${i + 1}`).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
    expect(page.text, `page ${i + 1}`).toContain(VERIFY_CAPTION);
  }
}

/** The page on which `text` is printed, 1-based; lines may wrap anywhere in it. */
function pageOf(pages: PdfPage[], text: string): number {
  return pages.findIndex((page) => squeezed(page.text).includes(squeezed(text))) + 1;
}

describe('an agreement rendered and read back', () => {
  const view = agreementViewFixture();
  let pdf: Buffer;
  let pages: PdfPage[];

  beforeAll(async () => {
    pdf = await renderAgreementPdf(view, template);
    pages = await readPdf(pdf);
  });

  it('is an A4 PDF of a few pages and a sane size', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThanOrEqual(5);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A4.width, 0);
      expect(page.height).toBeCloseTo(A4.height, 0);
    }
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.length).toBeLessThan(300_000);
  });

  it('prints the number, page N of M and the QR caption on every page', () => {
    expectRunningHeadOnEveryPage(pages, 'FJW-2026-0001');
  });

  it('names the parties in full on the first page, under the title', () => {
    const first = pages[0]?.text ?? '';
    expect(first.split('\n')[0]).toBe('安置房分配协议');
    expect(first).toContain('甲方（征收实施单位）：范家湾城中村改造项目征收安置办公室');
    expect(first).toContain('乙方（被征收人、户主）：王秀芳');
    expect(first).toContain('乙方居民身份证号码：11010519491231002X');
    expect(squeezed(first)).toContain(
      '3李明子1101051975060200314张丽儿媳6201021977091100265李小雨孙女110105200802290044',
    );
  });

  it('describes the flat and settles its area line by line, with the total in 大写', () => {
    const flatPage = pageOf(pages, '7#楼2单元1502室（第 15 层，户型为三室两厅一卫，建筑面积 112.43 平方米）');
    expect(flatPage).toBeGreaterThan(0);
    const settlementPage = pageOf(pages, '超出应安置面积 20㎡ 以上部分 2.43 8,800.00 21,384.00');
    expect(settlementPage).toBeGreaterThanOrEqual(flatPage);
    const text = squeezed(pages[settlementPage - 1]?.text ?? '');
    expect(text).toContain(squeezed('项目 面积（㎡） 单价（元/㎡） 金额（元）'));
    expect(text).toContain(squeezed('超出应安置面积 0–10㎡ 部分 10.00 3,200.00 32,000.00'));
    expect(text).toContain(squeezed('超出应安置面积 10–20㎡ 部分 10.00 5,600.00 56,000.00'));
    expect(text).toContain(squeezed('合计（乙方应补交） 109,384.00'));
    expect(pageOf(pages, '结算结果：乙方应补交甲方人民币 109,384.00 元（大写：壹拾万零玖仟叁佰捌拾肆元整）')).toBe(
      settlementPage,
    );
  });

  it('lists the transition subsidy to the signing day and its total in 大写', () => {
    const all = squeezed(pages.map((p) => p.text).join(''));
    expect(all).toContain(
      squeezed(`约定过渡期内 2023年7月1日至2026年7月1日（36 个月 0 天） ${view.transition.lines[0]?.amount}`),
    );
    expect(all).toContain(
      squeezed(`过渡费合计：人民币 ${view.transition.totalYuan} 元（大写：${view.transition.totalCapital}）`),
    );
    expect(view.transition.totalCapital).toBe('伍万贰仟玖佰零肆元叁角贰分');
  });

  it('ends with both parties signing, dated, and a place for the thumbprint', () => {
    const last = pages.at(-1)?.text ?? '';
    for (const text of ['甲方（盖章）：', '乙方（签字）：', '（王秀芳）', '按手印：', '日期：2026年11月27日'])
      expect(last).toContain(text);
    expect(last).not.toContain('草稿');
  });

  it('gives the same bytes for the same view, dated by the signing day', async () => {
    const again = await renderAgreementPdf(agreementViewFixture(), template);
    expect(again.equals(pdf)).toBe(true);
    // 2026-11-27 00:00 in Shanghai is 2026-11-26 16:00 UTC.
    expect(pdf.toString('latin1')).toContain('(D:20261126160000Z)');
  });
});

describe('a long agreement', () => {
  it('carries the members table over to the next pages, with its header, numbering every page', async () => {
    const members = Array.from({ length: 60 }, (_, i) => ({
      name: `成员${String(i + 1).padStart(2, '0')}`,
      relation: i === 0 ? '户主' : '亲属',
      idNumber: `1101051949123${String(i + 1).padStart(4, '0')}X`,
    }));
    const base = agreementViewFixture();
    const view: AgreementView = { ...base, household: { ...base.household, members } };
    const pages = await readPdf(await renderAgreementPdf(view, template));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expectRunningHeadOnEveryPage(pages, 'FJW-2026-0001');
    const withLastMember = pageOf(pages, '60 成员60 亲属');
    expect(withLastMember).toBeGreaterThan(pageOf(pages, '1 成员01 户主'));
    expect(pages[withLastMember - 1]?.text).toContain('序号 姓名 与户主关系');
    for (let n = 1; n <= 60; n++)
      expect(pageOf(pages, `${n} 成员${String(n).padStart(2, '0')}`), `member ${n}`).toBeGreaterThan(0);
  });

  it('keeps every settlement line when there are many', async () => {
    const base = agreementViewFixture();
    const lines = Array.from({ length: 40 }, (_, i) => ({
      label: `测试档 ${i + 1}`,
      area: '1.00',
      unitPrice: '100.00',
      amount: '100.00',
    }));
    const pages = await readPdf(
      await renderAgreementPdf({ ...base, settlement: { ...base.settlement, lines } }, template),
    );
    expectRunningHeadOnEveryPage(pages, 'FJW-2026-0001');
    for (const line of lines) expect(pageOf(pages, `${line.label} 1.00 100.00 100.00`), line.label).toBeGreaterThan(0);
  });
});

describe('other agreements', () => {
  it('marks a draft 草稿（未编号） on every page', async () => {
    const pages = await readPdf(
      await renderAgreementPdf(agreementViewFixture({ draft: true, number: '草稿' }), template),
    );
    for (const page of pages) expect(page.text).toContain('草稿（未编号）');
    expectRunningHeadOnEveryPage(pages, '草稿（未编号）');
  });

  it('says who refunds whom, and prints no difference as such', async () => {
    const base = agreementViewFixture();
    const refund: AgreementView['settlement'] = {
      lines: [{ label: '不足应安置面积部分（退还）', area: '2.50', unitPrice: '4,800.00', amount: '-12,000.00' }],
      direction: 'refund',
      totalYuan: '12,000.00',
      totalCapital: '壹万贰仟元整',
    };
    const refunded = squeezed(
      (await readPdf(await renderAgreementPdf({ ...base, settlement: refund }, template))).map((p) => p.text).join(''),
    );
    expect(refunded).toContain(squeezed('不足应安置面积部分（退还） 2.50 4,800.00 -12,000.00'));
    expect(refunded).toContain(squeezed('结算结果：甲方应退还乙方人民币 12,000.00 元（大写：壹万贰仟元整）'));
    const none: AgreementView['settlement'] = {
      lines: [],
      direction: 'none',
      totalYuan: '0.00',
      totalCapital: '零元整',
    };
    const even = squeezed(
      (await readPdf(await renderAgreementPdf({ ...base, settlement: none }, template))).map((p) => p.text).join(''),
    );
    expect(even).toContain('结算结果：面积无差价，双方互不补退。');
  });

  it('follows an adapted template, and refuses one of another version than the view names', async () => {
    const adapted = parseAgreementTemplate(
      templateText()
        .replace('第七条 产权登记', '第七条 不动产登记')
        .replace('@version agreement.v2', '@version agreement.v2-lz'),
    );
    const pages = await readPdf(
      await renderAgreementPdf(agreementViewFixture({ templateVersion: 'agreement.v2-lz' }), adapted),
    );
    expect(pageOf(pages, '第七条 不动产登记')).toBeGreaterThan(0);
    await expect(renderAgreementPdf(agreementViewFixture(), adapted)).rejects.toThrow(
      'agreement view names template agreement.v2, but the loaded template is agreement.v2-lz',
    );
  });
});
