/**
 * QR codes drawn as vector rectangles, so they stay sharp at any print resolution and need no
 * image decoding. Level M survives a fold or a smudge on a paper agreement.
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  isDark(row: number, col: number): boolean;
}

export function createQrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/**
 * Fills the dark modules into the square (x, y, size), top-left origin as pdfkit measures.
 * The caller keeps the 4-module quiet zone around it free of ink.
 * Rectangles are drawn in module units under one scaling, so their coordinates are small
 * integers (a few bytes each in the page), and each horizontal run of dark modules is one
 * rectangle, which also avoids hairline seams between neighbouring modules in some viewers.
 * Typed with pdfkit's own document type: pdf-document.ts draws with this file, so naming its
 * PdfDoc alias here would make the two import each other.
 */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  matrix: QrMatrix,
  box: { x: number; y: number; size: number },
): void {
  doc.save();
  doc.translate(box.x, box.y).scale(box.size / matrix.size);
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col += 1;
      doc.rect(start, row, col - start, 1);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}
