/**
 * 钥匙领取签收单 as PDF: one page the head of household signs when the keys are counted out.
 * Pure: from the view to bytes; the same view gives the same bytes.
 */

import { canPrintCodePoint } from '../pdf/fonts.js';
import {
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
import { drawTable } from '../pdf/pdf-table.js';
import { HAND_FILL_NOTE, markUnprintable } from '../shared/printable-text.js';

/** Everything the receipt prints, already gathered; the head's full name is printed on paper. */
export interface KeyReceiptView {
  /** 签收单号, as entered at the key desk */
  receiptNo: string;
  agreementNumber: string;
  projectName: string;
  /** The office handing over the keys */
  officeName: string;
  householdCode: string;
  headName: string;
  /** 7#楼2单元1502室 */
  flatLabel: string;
  keys: number;
  accessCards: number;
  /** Handover date, YYYY年M月D日 */
  handoverDate: string;
}

export const RECEIPT_TITLE = '安置房钥匙领取签收单';

export async function renderKeyReceiptPdf(facts: KeyReceiptView): Promise<Buffer> {
  // A character no font has is left as a marked gap for the clerk's pen, as on the agreement.
  const headName = markUnprintable(facts.headName, canPrintCodePoint);
  const view = { ...facts, headName };
  const doc = createPdfDocument({
    title: `${RECEIPT_TITLE} ${view.receiptNo}`,
    subject: `${view.projectName} ${view.householdCode} ${view.flatLabel}`,
    createdAt: shanghaiDateFromChinese(view.handoverDate),
  });

  doc.font(FONT_BOLD, TYPE.title).text(RECEIPT_TITLE, { align: 'center' });
  doc.font(FONT_REGULAR, TYPE.small).text(`签收单号：${view.receiptNo}`, { align: 'center' });
  doc.moveDown(1);

  drawTable(
    doc,
    [
      { header: '事项', weight: 3 },
      { header: '内容', weight: 7 },
    ],
    [
      { cells: ['签收单号', view.receiptNo] },
      { cells: ['协议编号', view.agreementNumber] },
      { cells: ['户号', view.householdCode] },
      { cells: ['户主（领取人）', view.headName] },
      { cells: ['安置房', view.flatLabel] },
      { cells: ['钥匙', `${view.keys} 把`], bold: true },
      { cells: ['门禁卡', `${view.accessCards} 张`], bold: true },
      { cells: ['领取日期', view.handoverDate] },
    ],
  );
  doc.moveDown(0.3);
  doc
    .font(FONT_REGULAR, TYPE.body)
    .text(
      `本人已当面清点并领取上述安置房钥匙 ${view.keys} 把、门禁卡 ${view.accessCards} 张，数量无误。自领取之日起，安置房由本人占有使用。钥匙、门禁卡遗失的，由本人自行补配。`,
      { indent: 2 * TYPE.body, lineGap: LINE_GAP },
    );
  drawReceiptSignatures(doc, view);
  if (headName !== facts.headName)
    doc.font(FONT_REGULAR, TYPE.small).text(HAND_FILL_NOTE, doc.page.margins.left, doc.y, { lineGap: LINE_GAP });

  stampEveryPage(doc, {
    headerLeft: `${view.projectName}　${RECEIPT_TITLE}`,
    headerRight: `签收单号：${view.receiptNo}`,
    qr: null,
    watermark: null,
  });
  return finishPdf(doc);
}

const SIGNATURE_BLOCK_HEIGHT = 200;

function drawReceiptSignatures(doc: PdfDoc, view: KeyReceiptView): void {
  doc.moveDown(1);
  keepTogether(doc, SIGNATURE_BLOCK_HEIGHT);
  const { top, left, second, line } = signatureColumns(doc);

  line(left, top, '领取人（签字）：', true);
  line(left, top + 36, '＿＿＿＿＿＿＿＿＿＿');
  line(left, top + 62, `（${view.headName}）`);
  drawThumbprintBox(doc, left, top + 92);
  line(left, top + 170, `日期：${view.handoverDate}`);

  line(second, top, '发放人（签字）：', true);
  line(second, top + 36, '＿＿＿＿＿＿＿＿＿＿');
  line(second, top + 62, view.officeName);
  line(second, top + 170, `日期：${view.handoverDate}`);
  doc.x = left;
  doc.y = top + SIGNATURE_BLOCK_HEIGHT;
}
