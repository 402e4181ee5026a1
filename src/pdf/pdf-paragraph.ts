/**
 * A left-aligned paragraph whose lines are broken here (line-breaks.ts) rather than by pdfkit, so
 * runs marked keepWhole (identifiers, names) are never split across a line, nor so across a page.
 * Each line is handed to pdfkit on its own, already narrow enough: pdfkit still moves to the next
 * page when a line no longer fits, exactly as with its own wrapping.
 */
import { breakLines, type TextRun } from './line-breaks.js';
import { contentWidthOf, type PdfDoc } from './pdf-document.js';

export type { TextRun } from './line-breaks.js';

export interface ParagraphOptions {
  /** First-line indent, points. */
  indent: number;
  lineGap: number;
  paragraphGap: number;
}

/**
 * pdfkit measures a line word by word and this code measures it whole; the two sums can differ by
 * a hair (kerning between Latin letters), and a line pdfkit found a hair too wide would be broken
 * again by pdfkit, at a place of its choosing. Breaking a point early rules that out.
 */
const MEASURE_SLACK = 1;

/** Draws the runs in the current font and size from the current position (doc.y), at the left margin. */
export function drawParagraph(doc: PdfDoc, runs: readonly TextRun[], options: ParagraphOptions): void {
  const left = doc.page.margins.left;
  const width = contentWidthOf(doc);
  const lines = breakLines(
    runs,
    { first: width - options.indent - MEASURE_SLACK, rest: width - MEASURE_SLACK },
    (text) => doc.widthOfString(text),
  );
  for (const [i, line] of lines.entries()) {
    const indent = i === 0 ? options.indent : 0;
    doc.text(line === '' ? ' ' : line, left + indent, doc.y, {
      width: width - indent,
      lineGap: options.lineGap,
      paragraphGap: i === lines.length - 1 ? options.paragraphGap : 0,
    });
  }
  doc.x = left;
}
