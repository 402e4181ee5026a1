/**
 * 生僻字 in names, invisible controls in names, and a long project name in the page header: what
 * a security review found, each checked on real PDFs read back with pdf.js and over HTTP on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgreementTemplate } from '../src/agreements/agreement-template.js';
import type { AgreementView } from '../src/agreements/agreement-view.js';
import { renderAgreementPdf } from '../src/agreements/render-agreement.js';
import { canPrintCodePoint } from '../src/pdf/fonts.js';
import { MARGINS } from '../src/pdf/pdf-document.js';
import { HAND_FILL_NOTE } from '../src/shared/printable-text.js';
import { agreementViewFixture, TEMPLATE_PATH } from './support/agreement-view.js';
import { type DayFixture, dayFixture, startDay } from './support/day-setup.js';
import { createProjectVia, householdBody } from './support/fixtures.js';
import { listHouseholds, upload } from './support/import-api.js';
import { type PdfTextItem, pdfTextItems, readPdf, squeezed } from './support/pdf-text.js';
import { csvText, idNumber, utf8WithBom } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const template = loadAgreementTemplate(TEMPLATE_PATH);

/** Real 生僻字 of Extension B, which the main font (Noto Sans Hans) lacks. */
const EXT_B_1 = '\u{20000}'; // 𠀀
const EXT_B_2 = '\u{21484}'; // 𡒄
/** Extension G: no font of the service has it. */
const NO_FONT = '\u{30000}';

function viewWithNames(head: string, others: string[], overrides: Partial<AgreementView> = {}): AgreementView {
  const base = agreementViewFixture(overrides);
  const idNumber = '110105194912310021';
  const members = [
    { name: head, relation: '户主', idNumber },
    ...others.map((name) => ({ name, relation: '子', idNumber })),
  ];
  return { ...base, household: { ...base.household, headName: head, members } };
}

describe('fonts', () => {
  it('print 𠀀 U+20000 and 𡒄 U+21484 through the fallback, and know what nothing prints', () => {
    expect(canPrintCodePoint(0x20000)).toBe(true);
    expect(canPrintCodePoint(0x21484)).toBe(true);
    expect(canPrintCodePoint(0x738b)).toBe(true); // 王
    expect(canPrintCodePoint(0x30000)).toBe(false);
    expect(canPrintCodePoint(0xe000)).toBe(false); // private use: a local 造字
  });
});

describe('an agreement for names with 生僻字', () => {
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await renderAgreementPdf(viewWithNames(`王${EXT_B_1}芳`, [`李${EXT_B_2}`, `张${NO_FONT}明`]), template);
    text = squeezed((await readPdf(pdf)).map((p) => p.text).join('\n'));
  });

  it('prints the Extension B characters as themselves, in the table, the text and the signatures', () => {
    expect(text).toContain(`乙方（被征收人、户主）：王${EXT_B_1}芳`);
    expect(text).toContain(`王${EXT_B_1}芳户主`);
    expect(text).toContain(`李${EXT_B_2}子`);
    expect(text).toContain(`（王${EXT_B_1}芳）`);
  });

  it('leaves a marked gap, with a footnote, where no font has the character; never a .notdef box', () => {
    expect(text).toContain('张□明');
    expect(text).toContain(squeezed(HAND_FILL_NOTE));
    expect(text).not.toContain(NO_FONT);
    // pdfkit maps .notdef to U+0000 in the text layer: none may be printed.
    expect(text).not.toContain('\u0000');
  });

  it('stays about the size of any other agreement', async () => {
    const plain = await renderAgreementPdf(agreementViewFixture(), template);
    expect(pdf.length).toBeLessThan(plain.length + 20_000);
    expect(pdf.length).toBeLessThan(130_000);
  });

  it('renders the same bytes twice', async () => {
    const again = await renderAgreementPdf(
      viewWithNames(`王${EXT_B_1}芳`, [`李${EXT_B_2}`, `张${NO_FONT}明`]),
      template,
    );
    expect(again.equals(pdf)).toBe(true);
  });
});

/** The header band of a page: above the top margin, where nothing but the running header is printed. */
const inHeader = (item: PdfTextItem, pageHeight = 841.89): boolean => item.y > pageHeight - MARGINS.top + 4;

async function headerOf(pdf: Buffer): Promise<{ number: PdfTextItem; left: PdfTextItem[] }[]> {
  return (await pdfTextItems(pdf)).map((items) => {
    const header = items.filter((i) => inHeader(i));
    const number = header.find((i) => i.str.includes('FJW-2026-0001'));
    if (!number) throw new Error(`no agreement number in the header: ${header.map((i) => i.str).join('|')}`);
    return { number, left: header.filter((i) => i !== number && !i.str.includes('协议编号')) };
  });
}

describe('the page header with a long project name', () => {
  const seventy =
    '兰州市七里河区范家湾及周边片区城中村改造暨棚户区综合整治安置房建设工程第一期第二标段（含配套道路、管网、绿化）暨公共服务设施同步建设实施项目';

  it('is a 70-character name for the test', () => {
    expect(Array.from(seventy)).toHaveLength(70);
  });

  for (const [label, name] of [
    ['70 characters', seventy],
    ['200 characters', seventy.repeat(3).slice(0, 200)],
  ] as const) {
    it(`wraps a ${label} name clear of the agreement number on every page`, async () => {
      const pdf = await renderAgreementPdf(agreementViewFixture({ projectName: name }), template);
      const pages = await headerOf(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const { number, left } of pages) {
        expect(left.length).toBeGreaterThan(0);
        for (const item of left)
          expect(item.x + item.width, `"${item.str}" runs into the number`).toBeLessThanOrEqual(number.x - 4);
        // At most two lines, and they stay inside the header band.
        expect(new Set(left.map((i) => Math.round(i.y))).size).toBeLessThanOrEqual(2);
      }
      const headerText = pages[0]?.left.map((i) => i.str).join('') ?? '';
      expect(headerText).toContain(name.slice(0, 30));
    });
  }

  it('keeps a short name on one line beside the number, as before', async () => {
    const [first] = await headerOf(await renderAgreementPdf(agreementViewFixture(), template));
    expect(first?.left.map((i) => i.str).join('')).toContain('范家湾城中村改造项目');
    expect(new Set(first?.left.map((i) => Math.round(i.y))).size).toBe(1);
    expect(Math.round(first?.left[0]?.y ?? 0)).toBe(Math.round(first?.number.y ?? -1));
  });
});

describe('names over HTTP', () => {
  let t: TestApp;
  let f: DayFixture;
  beforeAll(async () => {
    t = await createTestApp();
    f = await dayFixture(t);
  });
  afterAll(async () => t.close());

  it('drops bidi overrides, isolates, marks and zero-width characters from a household’s names', async () => {
    const projectId = await createProjectVia(t.app, f.supervisor, 'BIDI');
    const body = householdBody('Z-001');
    const dirty = '\u202E王\u200B秀\u2066芳\u2069\u200D\uFEFF\u061C\u200E';
    const members = [
      { ...body.members[0], name: dirty },
      { ...body.members[1], name: '李\u2060建\u202A国\u202C', relation: '配\u200B偶' },
    ];
    const res = await f.post(`/api/projects/${projectId}/households`, f.supervisor, { ...body, members });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.deps.db
      .selectFrom('householdMembers')
      .innerJoin('households', 'households.id', 'householdMembers.householdId')
      .select(['householdMembers.name', 'householdMembers.relation'])
      .where('households.projectId', '=', projectId)
      .orderBy('householdMembers.name')
      .execute();
    expect(stored.map((m) => m.name).sort()).toEqual(['李建国', '王秀芳'].sort());
    expect(stored.map((m) => m.relation)).toContain('配偶');
  });

  it('refuses a name that is nothing but invisible controls', async () => {
    const projectId = await createProjectVia(t.app, f.supervisor, 'BIDI2');
    const body = householdBody('Z-002');
    const members = [{ ...body.members[0], name: '\u202E\u200B' }, body.members[1]];
    const res = await f.post(`/api/projects/${projectId}/households`, f.supervisor, { ...body, members });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请填写姓名');
  });

  it('strips the controls at import too, warns in the import report, and lists for the supervisor the imported names no font prints', async () => {
    const projectId = await createProjectVia(t.app, f.supervisor, 'RARE');
    const rows = [
      ['户号', '姓名', '与户主关系', '身份证号', '被征收房屋面积', '应安置面积'],
      ['R-001', `\u202E王${EXT_B_1}\u200B芳`, '户主', idNumber('620121', '19581120', '301'), '76.8', '80'],
      ['R-001', `张${NO_FONT}明`, '子', idNumber('620121', '19860606', '312'), '', ''],
      ['R-002', '李建国', '户主', idNumber('620121', '19600101', '323'), '60', '60'],
    ];
    const res = await upload(t, f.supervisor, projectId, 'households', utf8WithBom(csvText(rows)), {
      dryRun: false,
      contentType: 'text/csv',
    });
    expect(res.statusCode, res.body).toBe(200);
    // The import itself says so: a warning, not a problem, so the roster is still written.
    expect(res.json<{ ok: boolean; warnings: string[] }>()).toMatchObject({
      ok: true,
      warnings: [
        expect.stringContaining(`户号 R-001 家庭成员“张${NO_FONT}明”中的“${NO_FONT}”（U+30000）系统字库无法打印`),
      ],
    });
    const [first] = await listHouseholds(t, f.supervisor, projectId, 'R-001');
    expect(first?.members.map((m) => m.name)).toEqual([`王${EXT_B_1}芳`, `张${NO_FONT}明`]);

    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/households/name-warnings`,
      headers: { cookie: f.supervisor },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual({
      households: [
        {
          householdId: first?.id,
          code: 'R-001',
          warnings: [expect.stringContaining(`家庭成员“张${NO_FONT}明”中的“${NO_FONT}”（U+30000）系统字库无法打印`)],
        },
      ],
    });
  });

  it('tells the ID desk and the signing desk which character of which name no font prints, and still issues the agreement', async () => {
    const file = f.files[0];
    if (!file) throw new Error('demo has no households');
    const members = await t.deps.db
      .selectFrom('householdMembers')
      .select(['id', 'isHead'])
      .where('householdId', '=', file.id)
      .orderBy('isHead', 'desc')
      .execute();
    const [head, other] = members;
    if (!head || !other) throw new Error('demo household needs two members');
    await t.deps.db
      .updateTable('householdMembers')
      .set({ name: `王${EXT_B_1}芳` })
      .where('id', '=', head.id)
      .execute();
    await t.deps.db
      .updateTable('householdMembers')
      .set({ name: `张${NO_FONT}明` })
      .where('id', '=', other.id)
      .execute();

    const day = await startDay(f, [file.code]);
    await day.arrive(1);
    await day.serve('documentReview', 1);

    const idCall = await day.call('idCheck', 1);
    const idCheck = await day.driver.complete(
      'idCheck',
      idCall.workflowId,
      await day.driver.defaultForm('idCheck', file.id),
    );
    expect(idCheck.statusCode, idCheck.body).toBe(201);
    const checked = idCheck.json<{ warnings: string[] }>();
    expect(checked.warnings).toHaveLength(1);
    expect(checked.warnings[0]).toContain(`家庭成员“张${NO_FONT}明”中的“${NO_FONT}”（U+30000）系统字库无法打印`);
    expect(checked.warnings[0]).toContain('由经办人手写');
    // 𠀀 prints through the fallback font: nothing to warn about.
    expect(checked.warnings.join('')).not.toContain(EXT_B_1);

    const repeated = await day.driver.complete(
      'idCheck',
      idCall.workflowId,
      await day.driver.defaultForm('idCheck', file.id),
    );
    expect(repeated.json<{ repeated: boolean; warnings: string[] }>()).toMatchObject({
      repeated: true,
      warnings: checked.warnings,
    });

    await day.serve('selection', 1);
    const signCall = await day.call('signing', 1);
    const signing = await day.driver.complete(
      'signing',
      signCall.workflowId,
      await day.driver.defaultForm('signing', file.id),
    );
    expect(signing.statusCode, signing.body).toBe(201);
    const signed = signing.json<{ outcome: string; warnings: string[]; data: { agreementId: string } }>();
    expect(signed.outcome).toBe('completed');
    expect(signed.warnings).toEqual([
      expect.stringContaining(`“${NO_FONT}”（U+30000）系统字库无法打印，协议上该处已留出“□”`),
    ]);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/agreements/${signed.data.agreementId}/pdf`,
      headers: { cookie: f.supervisor },
    });
    expect(res.statusCode).toBe(200);
    const text = squeezed((await readPdf(res.rawPayload)).map((p) => p.text).join('\n'));
    expect(text).toContain(`王${EXT_B_1}芳`);
    expect(text).toContain('张□明');
    expect(text).toContain(squeezed(HAND_FILL_NOTE));
    expect(text).not.toContain('\u0000');
  });
});
