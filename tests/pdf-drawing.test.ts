import { type FontkitFont, type FontkitPath, create as openFont } from 'fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { outlineToCharstring } from '../src/pdf/cff-subset.js';
import { pdfFonts } from '../src/pdf/fonts.js';
import { createPdfDocument, FONT_BOLD, FONT_REGULAR, finishPdf } from '../src/pdf/pdf-document.js';
import { createQrMatrix, drawQrCode } from '../src/pdf/qr.js';

const SAMPLE =
  '安置房分配协议 甲方乙方 王秀芳 7#楼2单元1502室 壹万贰仟叁佰肆拾伍元陆角柒分 ㎡ –（）《》：、。0123456789 ABCxyz';

/** An outline as text, rounded to whole font units as the subsetter writes it. */
function outlineKey(path: FontkitPath): string {
  return path.commands
    .filter((c) => c.command !== 'closePath')
    .map((c) => `${c.command}:${c.args.map(Math.round).join(',')}`)
    .join(' ');
}

function isEmbeddedFont(value: unknown): value is { name: string; data: Uint8Array } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    value.data instanceof Uint8Array &&
    'name' in value &&
    typeof value.name === 'string'
  );
}

/** pdf.js's own reading of each embedded font program, as it would rasterise it. */
async function embeddedFonts(pdf: Buffer): Promise<{ name: string; font: FontkitFont }[]> {
  const task = getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    disableFontFace: true,
    fontExtraProperties: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  const page = await doc.getPage(1);
  await page.getOperatorList();
  const fonts: { name: string; font: FontkitFont }[] = [];
  for (const entry of page.commonObjs) {
    const value: unknown = entry[1];
    if (!isEmbeddedFont(value)) continue;
    const font = openFont(value.data);
    if ('layout' in font) fonts.push({ name: value.name, font });
  }
  await task.destroy();
  return fonts;
}

describe('the embedded CJK fonts', () => {
  it('carry exactly the outlines of the source font for every glyph used', async () => {
    const doc = createPdfDocument({ title: 'fonts', subject: 'fonts', createdAt: null });
    doc.font(FONT_REGULAR).text(SAMPLE);
    doc.font(FONT_BOLD).text(SAMPLE);
    const fonts = await embeddedFonts(await finishPdf(doc));
    expect(fonts.map((f) => f.name.split('+')[1]).sort()).toEqual(['NotoSansHans-Bold', 'NotoSansHans-Regular']);

    for (const { name, font } of fonts) {
      const source = name.endsWith('Bold') ? pdfFonts().bold : pdfFonts().regular;
      const used = source.layout(SAMPLE).glyphs;
      const embedded = Array.from({ length: font.numGlyphs }, (_, gid) => outlineKey(font.getGlyph(gid).path));
      // Glyph 0 is .notdef; pdf.js appends a glyph of its own at the end.
      const ours = embedded.slice(1, -1);
      expect(ours).toHaveLength(new Set(used.map((g) => g.id)).size);
      expect(new Set(ours)).toEqual(new Set(used.map((g) => outlineKey(g.path))));
    }
  });

  it('are parsed once and shared by every document', () => {
    expect(pdfFonts()).toBe(pdfFonts());
  });

  it('embed a small subset, not the 8 MB font', async () => {
    const doc = createPdfDocument({ title: 'size', subject: 'size', createdAt: null });
    doc.text(SAMPLE);
    expect((await finishPdf(doc)).length).toBeLessThan(40_000);
  });
});

/** Type 2 charstring numbers and the three path operators the subsetter writes, read back. */
function readCharstring(bytes: Uint8Array): string[] {
  const out: string[] = [];
  const stack: number[] = [];
  const ops: Record<number, string> = { 5: 'rlineto', 8: 'rrcurveto', 14: 'endchar', 21: 'rmoveto' };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const next = (): number => bytes[++i] ?? 0;
    if (b >= 32 && b <= 246) stack.push(b - 139);
    else if (b >= 247 && b <= 250) stack.push((b - 247) * 256 + next() + 108);
    else if (b >= 251 && b <= 254) stack.push(-(b - 251) * 256 - next() - 108);
    else if (b === 28) stack.push(((next() << 24) | (next() << 16)) >> 16);
    else out.push(`${stack.splice(0).join(' ')} ${ops[b] ?? `op${b}`}`);
    i += 1;
  }
  return out;
}

describe('outlines written as charstrings', () => {
  it('encode deltas at every boundary of the number formats', () => {
    const deltas = [0, 107, 108, -107, -108, 1131, 1132, -1131, -1132, 32767, -32767];
    let x = 0;
    const commands = deltas.map((d) => {
      x += d;
      return { command: 'lineTo' as const, args: [x, -x] as [number, number] };
    });
    const read = readCharstring(
      outlineToCharstring([{ command: 'moveTo', args: [0, 0] }, ...commands, { command: 'closePath', args: [] }]),
    );
    expect(read).toEqual(['0 0 rmoveto', ...deltas.map((d) => `${d} ${-d === 0 ? 0 : -d} rlineto`), ' endchar']);
    expect(() => outlineToCharstring([{ command: 'moveTo', args: [40_000, 0] }])).toThrow(RangeError);
  });

  it('round fractional points without letting the error add up along a contour', () => {
    const read = readCharstring(
      outlineToCharstring([
        { command: 'moveTo', args: [0.4, 0.4] },
        { command: 'lineTo', args: [0.8, 0.8] },
        { command: 'bezierCurveTo', args: [1.2, 1.2, 1.6, 1.6, 2.4, 2.4] },
      ]),
    );
    expect(read).toEqual(['0 0 rmoveto', '1 1 rlineto', '0 0 1 1 0 0 rrcurveto', ' endchar']);
  });
});

describe('QR codes', () => {
  it('draw exactly the dark modules of the symbol', async () => {
    const text = 'https://anju.example.cn/public/verify/FJW-2026-0001?c=3f9a2c71d04be8e5';
    const doc = new PDFDocument({ compress: false, size: 'A4' });
    drawQrCode(doc, createQrMatrix(text), { x: 100, y: 100, size: 74 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.end();
    await ended;

    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const drawn = new Set<string>();
    for (const [, col, row, width] of Buffer.concat(chunks)
      .toString('latin1')
      .matchAll(/^(\d+) (\d+) (\d+) 1 re$/gm)) {
      for (let c = Number(col); c < Number(col) + Number(width); c++) drawn.add(`${row},${c}`);
    }
    const dark = new Set<string>();
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) dark.add(`${row},${col}`);
    expect(dark.size).toBeGreaterThan(300);
    expect([...drawn].sort()).toEqual([...dark].sort());
  });
});
