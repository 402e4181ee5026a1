/**
 * 安置房分配协议 as PDF: pure, from the view and the parsed template to bytes.
 *
 * The template supplies the words; the tables (members, settlement, transition, signatures) and
 * every page's header and footer (number, page N of M, verification QR code) are drawn here.
 *
 * The output depends on its inputs only: the PDF's creation date is the signing date (midnight,
 * Asia/Shanghai), and pdfkit's file ID is a hash of the metadata, so rendering the same view with
 * the same template gives the same bytes.
 */

import { canPrintCodePoint } from '../pdf/fonts.js';
import {
  contentWidthOf,
  createPdfDocument,
  drawThumbprintBox,
  FONT_BOLD,
  FONT_REGULAR,
  finishPdf,
  keepTogether,
  LINE_GAP,
  type PdfDoc,
  shanghaiDateFromChinese,
  signatureColumns,
  stampEveryPage,
  TYPE,
} from '../pdf/pdf-document.js';
import { drawParagraph, type TextRun } from '../pdf/pdf-paragraph.js';
import { drawTable } from '../pdf/pdf-table.js';
import { HAND_FILL_NOTE, markUnprintable } from '../shared/printable-text.js';
import { DRAFT_NUMBER, KEPT_WHOLE_PLACEHOLDERS } from './agreement-placeholders.js';
import {
  type AgreementTemplate,
  fillText,
  type PlaceholderValues,
  placeholderValues,
  type TemplateBlock,
  type TemplateElement,
  type TextPart,
} from './agreement-template.js';
import type { AgreementView } from './agreement-view.js';

export const VERIFY_CAPTION = '扫码验证协议真伪';

/** Two characters of first-line indent, as Chinese paragraphs are set. */
const PARAGRAPH_INDENT = 2 * TYPE.body;

export async function renderAgreementPdf(facts: AgreementView, template: AgreementTemplate): Promise<Buffer> {
  if (facts.templateVersion !== template.version) {
    // The agreement records the version it was printed from; printing another would make that record false.
    throw new Error(
      `agreement view names template ${facts.templateVersion}, but the loaded template is ${template.version}`,
    );
  }
  const { view, handFilled } = withPrintableNames(facts);
  const values = placeholderValues(view);
  const title = fillText(template.title, values);
  const doc = createPdfDocument({
    title: `${title} ${values.number}`,
    subject: `${view.projectName} ${view.household.code} ${view.flat.label}`,
    createdAt: shanghaiDateFromChinese(view.signingDate),
  });

  doc.font(FONT_BOLD, TYPE.title).text(title, { align: 'center' });
  doc.font(FONT_REGULAR, TYPE.small).text(`协议编号：${values.number}`, { align: 'center' });
  doc.moveDown(0.8);
  for (const element of template.elements) drawElement(doc, element, view, values);
  if (handFilled)
    doc.font(FONT_REGULAR, TYPE.small).text(HAND_FILL_NOTE, doc.page.margins.left, doc.y, { lineGap: LINE_GAP });

  stampEveryPage(doc, {
    headerLeft: `${view.projectName}　${title}`,
    headerRight: `协议编号：${values.number}`,
    qr: { url: view.verifyUrl, caption: VERIFY_CAPTION },
    watermark: view.draft ? DRAFT_NUMBER : null,
  });
  return finishPdf(doc);
}

/**
 * Names as they can be printed: a character no font has becomes a marked gap for the clerk's pen
 * (printable-text.ts), never a .notdef box. Only the printing changes; the view keeps the facts.
 */
function withPrintableNames(view: AgreementView): { view: AgreementView; handFilled: boolean } {
  const mark = (name: string): string => markUnprintable(name, canPrintCodePoint);
  const headName = mark(view.household.headName);
  const members = view.household.members.map((m) => ({ ...m, name: mark(m.name) }));
  const handFilled =
    headName !== view.household.headName || members.some((m, i) => m.name !== view.household.members[i]?.name);
  return handFilled
    ? { view: { ...view, household: { ...view.household, headName, members } }, handFilled }
    : { view, handFilled };
}

function drawElement(doc: PdfDoc, element: TemplateElement, view: AgreementView, values: PlaceholderValues): void {
  switch (element.kind) {
    case 'article':
      // A heading alone at the foot of a page reads as a stray line: keep it with two lines of text.
      keepTogether(doc, 70);
      doc.moveDown(0.4);
      doc.font(FONT_BOLD, TYPE.heading).text(fillText(element.heading, values), { lineGap: LINE_GAP });
      doc.moveDown(0.15);
      return;
    case 'paragraph':
      doc.font(FONT_REGULAR, TYPE.body);
      drawParagraph(doc, fillRuns(element.text, values), {
        indent: element.indent ? PARAGRAPH_INDENT : 0,
        lineGap: LINE_GAP,
        paragraphGap: 4,
      });
      return;
    case 'block':
      BLOCKS[element.block](doc, view);
      return;
  }
}

function fillRuns(parts: readonly TextPart[], values: PlaceholderValues): TextRun[] {
  return parts.map((part) =>
    typeof part === 'string'
      ? { text: part }
      : { text: values[part.placeholder], keepWhole: KEPT_WHOLE_PLACEHOLDERS.has(part.placeholder) },
  );
}

const BLOCKS: Record<TemplateBlock, (doc: PdfDoc, view: AgreementView) => void> = {
  members: drawMembers,
  settlement: drawSettlement,
  transition: drawTransition,
  signatures: drawSignatures,
};

function drawMembers(doc: PdfDoc, view: AgreementView): void {
  const rows = view.household.members.map((m, i) => ({ cells: [String(i + 1), m.name, m.relation, m.idNumber] }));
  // The ID column holds 18 digits on one line at table type: a number is never split across lines.
  drawTable(
    doc,
    [
      { header: '序号', weight: 1, align: 'center' },
      { header: '姓名', weight: 2.6 },
      { header: '与户主关系', weight: 2 },
      { header: '居民身份证号码', weight: 3.4 },
    ],
    rows.length > 0 ? rows : [{ cells: ['—', '—', '—', '—'] }],
  );
}

function drawSettlement(doc: PdfDoc, view: AgreementView): void {
  const { lines, direction, totalYuan, totalCapital } = view.settlement;
  const rows = lines.map((l) => ({ cells: [l.label, l.area, l.unitPrice, l.amount] }));
  const totalLabel =
    direction === 'pay' ? '合计（乙方应补交）' : direction === 'refund' ? '合计（甲方应退还）' : '合计';
  drawTable(
    doc,
    [
      { header: '项目', weight: 4.2 },
      { header: '面积（㎡）', weight: 1.7, align: 'right' },
      { header: '单价（元/㎡）', weight: 2, align: 'right' },
      { header: '金额（元）', weight: 2.1, align: 'right' },
    ],
    [
      ...(rows.length > 0 ? rows : [{ cells: ['安置房建筑面积与应安置面积相同', '—', '—', '0.00'] }]),
      { cells: [totalLabel, '', '', totalYuan], bold: true },
    ],
  );
  const sentence =
    direction === 'pay'
      ? `结算结果：乙方应补交甲方人民币 ${totalYuan} 元（大写：${totalCapital}）。`
      : direction === 'refund'
        ? `结算结果：甲方应退还乙方人民币 ${totalYuan} 元（大写：${totalCapital}）。`
        : '结算结果：面积无差价，双方互不补退。';
  doc.font(FONT_BOLD, TYPE.body).text(sentence, { lineGap: LINE_GAP, paragraphGap: 6 });
}

function drawTransition(doc: PdfDoc, view: AgreementView): void {
  const { lines, totalYuan, totalCapital } = view.transition;
  const rows = lines.map((l) => ({ cells: [l.label, l.period, l.amount] }));
  drawTable(
    doc,
    [
      // 期间 holds "2026年10月27日至2026年11月27日" on one line: a date is never split across lines.
      { header: '项目', weight: 2.7 },
      { header: '期间', weight: 5.2 },
      { header: '金额（元）', weight: 2.1, align: 'right' },
    ],
    [
      ...(rows.length > 0 ? rows : [{ cells: ['尚未发生过渡费', '—', '0.00'] }]),
      { cells: ['合计', '', totalYuan], bold: true },
    ],
  );
  doc
    .font(FONT_BOLD, TYPE.body)
    .text(`过渡费合计：人民币 ${totalYuan} 元（大写：${totalCapital}）。`, { lineGap: LINE_GAP, paragraphGap: 6 });
}

const SIGNATURE_BLOCK_HEIGHT = 250;

/** 乙方's column needs room for its signature line and the thumbprint box; 甲方's may take the rest. */
const PARTY_B_MIN_WIDTH = 150;
/** 甲方's name is set no smaller than this to keep it on one line; a longer name wraps at this size. */
const OFFICE_NAME_MIN_SIZE = 12;

/**
 * 甲方's name on one line under its seal label: at body size in half the width if it fits, else in
 * a left column widened up to what 乙方's column can spare, else a little smaller (to 12 pt); only a
 * name longer than that (some 25 characters) wraps.
 */
function officeNameFit(doc: PdfDoc, name: string): { size: number; width: number } {
  const widest = contentWidthOf(doc) - 24 - PARTY_B_MIN_WIDTH;
  for (let size: number = TYPE.body; size >= OFFICE_NAME_MIN_SIZE; size -= 0.5) {
    const width = doc.font(FONT_REGULAR, size).widthOfString(name) + 1;
    if (width <= widest) return { size, width };
  }
  return { size: OFFICE_NAME_MIN_SIZE, width: widest };
}

/** 甲方 seals on the left, 乙方 signs and presses a thumbprint on the right; both dated. */
function drawSignatures(doc: PdfDoc, view: AgreementView): void {
  keepTogether(doc, SIGNATURE_BLOCK_HEIGHT);
  doc.moveDown(1);
  const officeName = officeNameFit(doc, view.officeName);
  const { top, left, second: partyB, line } = signatureColumns(doc, officeName.width);

  line(left, top, '甲方（盖章）：', true);
  line(left, top + 26, view.officeName, false, officeName.size);
  line(left, top + 130, '经办人（签字）：＿＿＿＿＿＿');
  line(left, top + 170, `日期：${view.signingDate}`);

  line(partyB, top, '乙方（签字）：', true);
  line(partyB, top + 40, '＿＿＿＿＿＿＿＿＿＿');
  line(partyB, top + 70, `（${view.household.headName}）`);
  drawThumbprintBox(doc, partyB, top + 100);
  line(partyB, top + 170, `日期：${view.signingDate}`);

  doc.x = left;
  doc.y = top + SIGNATURE_BLOCK_HEIGHT - 40;
}
