/**
 * Ruled tables that flow across pages: a row never splits, and the header row is repeated at the
 * top of each page the table continues on, so every page can be read on its own.
 */
import { contentWidthOf, FONT_BOLD, FONT_REGULAR, type PdfDoc, TYPE } from './pdf-document.js';

export interface TableColumn {
  header: string;
  /** Share of the table width, relative to the other columns. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: readonly string[];
  /** Totals and other rows that must stand out. */
  bold?: boolean;
}

const CELL_PADDING = 5;
const CELL_LINE_GAP = 2;
/** Noto's line box leaves more room below CJK glyphs than above; this centres them by eye. */
const CELL_TEXT_DROP = 2.5;
const RULE = '#333333';
const HEADER_SHADE = '#e8e8e8';

export function drawTable(
  doc: PdfDoc,
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  fontSize: number = TYPE.table,
): void {
  const left = doc.page.margins.left;
  const totalWeight = columns.reduce((sum, c) => sum + c.weight, 0);
  const tableWidth = contentWidthOf(doc);
  const widths = columns.map((c) => (tableWidth * c.weight) / totalWeight);
  const header: TableRow = { cells: columns.map((c) => c.header), bold: true };

  const heightOf = (row: TableRow): number => {
    doc.font(row.bold ? FONT_BOLD : FONT_REGULAR, fontSize);
    const textHeights = row.cells.map((cell, i) =>
      doc.heightOfString(cell === '' ? ' ' : cell, {
        width: (widths[i] ?? 0) - 2 * CELL_PADDING,
        lineGap: CELL_LINE_GAP,
      }),
    );
    // heightOfString counts a line gap after the last line too; a cell needs none there.
    return Math.max(...textHeights) - CELL_LINE_GAP + 2 * CELL_PADDING;
  };
  const pageBottom = (): number => doc.page.height - doc.page.margins.bottom;

  const drawRow = (row: TableRow, shaded: boolean, height: number): void => {
    const top = doc.y;
    let x = left;
    doc.lineWidth(0.7).strokeColor(RULE);
    row.cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      if (shaded) doc.rect(x, top, width, height).fillAndStroke(HEADER_SHADE, RULE);
      else doc.rect(x, top, width, height).stroke();
      const align = shaded ? 'center' : (columns[i]?.align ?? 'left');
      doc.font(row.bold ? FONT_BOLD : FONT_REGULAR, fontSize).fillColor('#000000');
      doc.text(cell, x + CELL_PADDING, top + CELL_PADDING + CELL_TEXT_DROP, {
        width: width - 2 * CELL_PADDING,
        align,
        lineGap: CELL_LINE_GAP,
      });
      x += width;
    });
    doc.x = left;
    doc.y = top + height;
  };

  const headerHeight = heightOf(header);
  const firstRowHeight = rows[0] ? heightOf(rows[0]) : 0;
  // A header alone at the foot of a page is no use: keep it with the first row.
  if (doc.y + headerHeight + firstRowHeight > pageBottom()) doc.addPage();
  drawRow(header, true, headerHeight);
  for (const row of rows) {
    const height = heightOf(row);
    if (doc.y + height > pageBottom()) {
      doc.addPage();
      drawRow(header, true, headerHeight);
    }
    drawRow(row, false, height);
  }
  doc.x = left;
  doc.y += 8;
}
