import { describe, expect, it } from 'vitest';
import { loadAgreementTemplate } from '../src/agreements/agreement-template.js';
import type { AgreementView } from '../src/agreements/agreement-view.js';
import { renderAgreementPdf } from '../src/agreements/render-agreement.js';
import { breakLines } from '../src/pdf/line-breaks.js';
import { agreementViewFixture, TEMPLATE_PATH } from './support/agreement-view.js';
import { type PdfPage, pdfTextItems, readPdf } from './support/pdf-text.js';

const template = loadAgreementTemplate(TEMPLATE_PATH);

/** How many times `token` is printed whole on one line, over all lines of all pages. */
function wholeOnALine(pages: PdfPage[], token: string): number {
  let count = 0;
  for (const page of pages) for (const line of page.text.split('\n')) count += line.split(token).length - 1;
  return count;
}

const LONG_OFFICE = '兰州市七里河区范家湾城中村改造项目征收安置办公室';
const LONG_COMPENSATION_NO = 'FJW-BC-2019-0055-BUCHONG-0003';

function withLongNames(projectName: string): AgreementView {
  const base = agreementViewFixture();
  return {
    ...base,
    projectName,
    officeName: LONG_OFFICE,
    household: { ...base.household, compensationAgreementNo: LONG_COMPENSATION_NO },
  };
}

describe('identifiers and names kept whole', () => {
  // The project name comes just before the number in the opening paragraph: each length moves the
  // number along the line, and several of these put it across the end of a line.
  const projectNames = Array.from({ length: 9 }, (_, i) => `范家湾城中村改造项目${'二期'.repeat(i)}`);

  it.each(projectNames)(
    'never splits the compensation-agreement number, the agreement number nor 甲方 (%s)',
    async (projectName) => {
      const pages = await readPdf(await renderAgreementPdf(withLongNames(projectName), template));
      // The party list, the opening paragraph and 第二条 name it.
      expect(wholeOnALine(pages, LONG_COMPENSATION_NO)).toBe(3);
      // The party list and the signature block.
      expect(wholeOnALine(pages, LONG_OFFICE)).toBe(2);
      // Under the title and in every page's header.
      expect(wholeOnALine(pages, 'FJW-2026-0001')).toBe(pages.length + 1);
    },
  );
});

describe('dates', () => {
  it('prints each transition period on one line, its length in months and days on the next', async () => {
    const pages = await readPdf(await renderAgreementPdf(agreementViewFixture(), template));
    expect(wholeOnALine(pages, '2023年7月1日至2026年7月1日')).toBe(1);
    expect(wholeOnALine(pages, '2026年7月1日至2026年11月27日')).toBe(1);
    const lines = pages.flatMap((page) => page.text.split('\n'));
    expect(lines).toContain('（36 个月 0 天）');
    expect(lines).toContain('（4 个月 26 天）');
  });
});

describe('the signature block', () => {
  it('sets a long 甲方 name on one line, clear of 乙方 column', async () => {
    const pdf = await renderAgreementPdf(withLongNames('范家湾城中村改造项目'), template);
    const last = (await pdfTextItems(pdf)).at(-1) ?? [];
    const office = last.find((item) => item.str === LONG_OFFICE);
    const partyB = last.find((item) => item.str.startsWith('乙方（签字）'));
    expect(office).toBeDefined();
    expect(partyB).toBeDefined();
    expect((office?.x ?? 0) + (office?.width ?? 0)).toBeLessThanOrEqual(partyB?.x ?? 0);
    expect(office?.height).toBeGreaterThanOrEqual(12);
  });
});

describe('breakLines', () => {
  const byChars = (text: string): number => Array.from(text).length;

  it('moves a run kept whole to the next line instead of breaking it after a hyphen', () => {
    const runs = [{ text: '编号：' }, { text: 'FJW-BC-2019-0055', keepWhole: true }, { text: '，' }];
    expect(breakLines(runs, { first: 12, rest: 20 }, byChars)).toEqual(['编号：', 'FJW-BC-2019-0055，']);
    // Not kept whole, the same text breaks after a hyphen, as pdfkit would break it.
    expect(breakLines([{ text: '编号：FJW-BC-2019-0055，' }], { first: 12, rest: 20 }, byChars)).toEqual([
      '编号：FJW-',
      'BC-2019-0055，',
    ]);
  });

  it('breaks a run kept whole only when it is wider than a whole line', () => {
    const lines = breakLines(
      [{ text: '甲方：' }, { text: '一二三四五六七八九十', keepWhole: true }],
      { first: 6, rest: 6 },
      byChars,
    );
    expect(lines).toEqual(['甲方：', '一二三四五六', '七八九十']);
  });
});
