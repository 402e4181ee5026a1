/**
 * What every printed page of the service shares: A4, the CJK fonts, type sizes chosen for elderly
 * readers, and the running header and footer (number, "第 N 页 共 M 页", optional QR code).
 */
import PDFDocument from 'pdfkit';
import { shanghaiWallToUtcIso } from '../shared/time.js';
import { pdfFonts } from './fonts.js';
import { createQrMatrix, drawQrCode } from './qr.js';

export type PdfDoc = PDFKit.PDFDocument;

export const FONT_REGULAR = 'cjk-regular';
export const FONT_BOLD = 'cjk-bold';

/** Body text is 14 pt: comfortable for elderly readers at arm's length, and never below 12 pt. */
export const TYPE = { title: 22, heading: 15, body: 14, table: 13, small: 10.5, tiny: 9 } as const;
export const LINE_GAP = 5;

/** Generous top and bottom margins leave room for the header and for the footer's QR code. */
export const MARGINS = { top: 68, bottom: 104, left: 62, right: 62 } as const;

const INK = '#000000';
const GREY = '#555555';

/**
 * pdfkit derives the file ID from the metadata, so a fixed creation date makes the bytes depend on
 * the content only. A paper without a date of its own gets this fixed one: pdfkit cannot leave
 * the date out (its XMP writer reads it), and the current time would make every copy differ.
 */
const UNDATED = new Date(0);

export interface DocumentMeta {
  title: string;
  subject: string;
  /** The document's own date (signing, handover, draw); null for none, see UNDATED. */
  createdAt: Date | null;
}

export function createPdfDocument(meta: DocumentMeta): PdfDoc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGINS },
    // No default font: pdfkit would parse Helvetica's metrics for every document, unused.
    font: '',
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'Anju 安居', CreationDate: meta.createdAt ?? UNDATED },
  });
  const fonts = pdfFonts();
  doc.registerFont(FONT_REGULAR, fonts.regular);
  doc.registerFont(FONT_BOLD, fonts.bold);
  doc.font(FONT_REGULAR, TYPE.body).fillColor(INK);
  return doc;
}

export function finishPdf(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface PageChrome {
  headerLeft: string;
  headerRight: string;
  qr: { url: string; caption: string } | null;
  /** Printed large and faint across every page, e.g. 草稿（未编号）. */
  watermark: string | null;
}

/** Draws header and footer on every buffered page; call after the content, before finishPdf. */
export function stampEveryPage(doc: PdfDoc, chrome: PageChrome): void {
  const { start, count } = doc.bufferedPageRange();
  const qr = chrome.qr ? createQrMatrix(chrome.qr.url) : null;
  let header: FittedHeader | undefined;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    // Text below the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    const bottomMargin = margins.bottom;
    margins.bottom = 0;
    const contentWidth = width - margins.left - margins.right;

    if (chrome.watermark !== null) drawWatermark(doc, chrome.watermark);

    const ruleY = margins.top - 12;
    header ??= fitHeader(doc, chrome, contentWidth);
    const headerY = header.lines === 1 ? margins.top - 30 : ruleY - HEADER_RULE_GAP - header.height;
    doc.font(FONT_REGULAR, header.size).fillColor(GREY);
    doc.text(header.text, margins.left, headerY, { width: header.width, lineGap: 0 });
    doc.font(FONT_BOLD, TYPE.small).fillColor(INK);
    doc.text(chrome.headerRight, margins.left, headerY, { width: contentWidth, align: 'right', lineBreak: false });
    doc
      .moveTo(margins.left, ruleY)
      .lineTo(width - margins.right, ruleY)
      .lineWidth(0.6)
      .strokeColor(GREY)
      .stroke();

    const footerTop = height - bottomMargin + 18;
    doc
      .moveTo(margins.left, footerTop - 8)
      .lineTo(width - margins.right, footerTop - 8)
      .lineWidth(0.6)
      .strokeColor(GREY)
      .stroke();
    doc.font(FONT_REGULAR, TYPE.body).fillColor(INK);
    doc.text(`第 ${i - start + 1} 页 共 ${count} 页`, margins.left, footerTop + 20, {
      width: contentWidth,
      align: 'center',
      lineBreak: false,
    });
    if (qr && chrome.qr) {
      const size = 62;
      const x = width - margins.right - size;
      drawQrCode(doc, qr, { x, y: footerTop + 2, size });
      doc.font(FONT_REGULAR, TYPE.tiny).fillColor(GREY);
      doc.text(chrome.qr.caption, x - 120, footerTop + 28, { width: 112, align: 'right', lineBreak: false });
    }
    margins.bottom = bottomMargin;
  }
  doc.fillColor(INK);
}

/** Between the header's left part and the number on its right. */
const HEADER_GAP = 14;
/** Between the header's last line and the rule under it. */
const HEADER_RULE_GAP = 3;
const HEADER_MAX_LINES = 2;

interface FittedHeader {
  text: string;
  size: number;
  width: number;
  lines: number;
  height: number;
}

/**
 * The header's left part (project name and title) keeps to the width the number on its right
 * leaves it, so the two never overlap: one line at the usual size if it fits, else up to two lines
 * in smaller type, else cut short with "…" (the full name is in the body of every paper).
 */
function fitHeader(doc: PdfDoc, chrome: PageChrome, contentWidth: number): FittedHeader {
  doc.font(FONT_BOLD, TYPE.small);
  const width = contentWidth - doc.widthOfString(chrome.headerRight) - HEADER_GAP;
  const measure = (text: string, size: number): FittedHeader => {
    doc.font(FONT_REGULAR, size);
    const height = doc.heightOfString(text, { width, lineGap: 0 });
    return { text, size, width, height, lines: Math.round(height / doc.currentLineHeight(true)) };
  };
  const oneLine = measure(chrome.headerLeft, TYPE.small);
  if (oneLine.lines <= 1) return oneLine;
  const wrapped = measure(chrome.headerLeft, TYPE.tiny);
  if (wrapped.lines <= HEADER_MAX_LINES) return wrapped;
  const chars = Array.from(chrome.headerLeft);
  let low = 0;
  let high = chars.length;
  // The longest prefix that, with "…", still fits in two lines.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(cut(chars, mid), TYPE.tiny).lines <= HEADER_MAX_LINES) low = mid;
    else high = mid - 1;
  }
  return measure(cut(chars, low), TYPE.tiny);
}

const cut = (chars: readonly string[], length: number): string => `${chars.slice(0, length).join('').trimEnd()}…`;

function drawWatermark(doc: PdfDoc, text: string): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.font(FONT_BOLD, 64).fillColor('#c0392b').fillOpacity(0.14);
  doc.text(text, 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
  doc.restore();
}

const THUMBPRINT_BOX = 66;

/** 按手印: a dashed square for the thumbprint, labelled on its left; returns the height used. */
export function drawThumbprintBox(doc: PdfDoc, x: number, y: number): number {
  doc
    .font(FONT_REGULAR, TYPE.body)
    .fillColor(INK)
    .text('按手印：', x, y + THUMBPRINT_BOX / 2 - 10, { lineBreak: false });
  doc
    .save()
    .lineWidth(0.8)
    .dash(3, { space: 3 })
    .strokeColor(GREY)
    .rect(x + 4.5 * TYPE.body, y, THUMBPRINT_BOX, THUMBPRINT_BOX)
    .stroke()
    .restore();
  return THUMBPRINT_BOX;
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function keepTogether(doc: PdfDoc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export interface SignatureColumns {
  top: number;
  left: number;
  /** Where the right-hand column starts */
  second: number;
  /** Width of the left-hand column */
  firstWidth: number;
  /** Writes `text` in a column at (x, y), in body type, or the size given */
  line(x: number, y: number, text: string, bold?: boolean, size?: number): void;
}

const COLUMN_GAP = 24;

/**
 * Two columns of signatures side by side from the current position (甲方 and 乙方, 制表人 and 主管):
 * halves of the width, or a wider left column when asked (a long 甲方 name on one line).
 */
export function signatureColumns(doc: PdfDoc, firstWidth?: number): SignatureColumns {
  const top = doc.y;
  const { left } = doc.page.margins;
  const half = (contentWidthOf(doc) - COLUMN_GAP) / 2;
  const first = Math.max(half, firstWidth ?? half);
  const second = left + first + COLUMN_GAP;
  const secondWidth = contentWidthOf(doc) - first - COLUMN_GAP;
  return {
    top,
    left,
    second,
    firstWidth: first,
    line: (x, y, text, bold = false, size: number = TYPE.body) => {
      const width = x < second ? first : secondWidth;
      doc.font(bold ? FONT_BOLD : FONT_REGULAR, size).text(text, x, y, { width, lineGap: LINE_GAP });
    },
  };
}

export function contentWidthOf(doc: PdfDoc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** 'YYYY年M月D日' as midnight in Asia/Shanghai; null if the text is not such a date. */
export function shanghaiDateFromChinese(text: string): Date | null {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text.trim());
  const iso = m ? shanghaiWallToUtcIso(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return iso === null ? null : new Date(iso);
}
