import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Text as read back: one line per text line on the page, runs of whitespace as one space. */
  text: string;
  /** Page size in points, from the page's view box. */
  width: number;
  height: number;
}

/**
 * Reads a PDF back the way a reader's viewer would, with pdf.js. Chinese comes out because
 * pdfkit writes a ToUnicode map for each embedded font. No system fonts, no font faces: only the
 * text layer matters here.
 */
export async function readPdf(pdf: Uint8Array): Promise<PdfPage[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      pages.push({ text: normaliseWhitespace(text), width: x1 - x0, height: y1 - y0 });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  return (await readPdf(pdf)).map((page) => page.text);
}

/** All text with no whitespace at all: for facts that may wrap across lines (names, hashes, 大写). */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

function normaliseWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** One run of text as pdf.js places it, in PDF points from the page's bottom-left corner. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every text run of every page with its box: to check where things are printed, not only what. */
export async function pdfTextItems(pdf: Uint8Array): Promise<PdfTextItem[][]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , , , x = 0, y = 0] = item.transform as number[];
        items.push({ str: item.str, x, y, width: item.width, height: item.height });
      }
      pages.push(items);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/**
 * The body of a stamped paper's pages (pdf-document.ts stampEveryPage) run together, without each
 * page's header and footer line, which pdf.js reads last: a sentence that runs on from one page to
 * the next reads whole. Throws if a page does not end with its header and "第 N 页 共 M 页" footer.
 */
export function bodyOfPages(pages: readonly string[]): string {
  return pages
    .map((page, i) => {
      const lines = page.split('\n');
      const footer = lines.at(-1) ?? '';
      if (!footer.startsWith(`第 ${i + 1} 页 共 ${pages.length} 页`)) throw new Error(`page ${i + 1} ends: ${footer}`);
      return lines.slice(0, -2).join('\n');
    })
    .join('\n');
}
