/**
 * A CFF subsetter for pdfkit that writes each used glyph as a plain outline.
 *
 * Why not fontkit's own subsetter: Noto Sans CJK keeps most of its Han outlines in subroutines
 * (one font DICT has 22,293 of them). fontkit keeps the subroutine numbering, so every subset
 * carries all 22,293 entries (unused ones as a bare `return`) and encodes them through its generic
 * structure writer: 15–45 ms and ~90 KB per PDF, whatever the text. Here each glyph's outline
 * (already interpreted by fontkit) is written again as moveto/lineto/curveto with no subroutines
 * and no hints, so a subset costs what its glyphs cost, and a glyph's bytes are cached.
 *
 * Dropping hints is fine for print and for viewers at reading sizes; outlines are rounded to whole
 * font units (1/1000 em for these fonts), invisible at any size a page is read at.
 *
 * The result is a CID-keyed CFF (Adobe-Identity-0) with CID = glyph index in the subset, as pdfkit
 * expects for CIDFontType0C with Identity-H encoding.
 */
import type { FontkitFont, FontkitGlyph, FontkitSubset, PathCommand } from 'fontkit';

/** Type 2 charstring operators used below. */
const RLINETO = 5;
const RRCURVETO = 8;
const ENDCHAR = 14;
const RMOVETO = 21;

export class OutlineCffSubset implements FontkitSubset {
  /** pdfkit tests for this member to embed the program as CFF (CIDFontType0C). */
  readonly cff = true;
  private readonly glyphIds: number[] = [];
  private readonly subsetIdOf = new Map<number, number>();

  constructor(
    private readonly font: FontkitFont,
    private readonly charstringCache: Map<number, Uint8Array>,
  ) {
    // Glyph 0 (.notdef) must come first in any CFF.
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | FontkitGlyph): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    const known = this.subsetIdOf.get(id);
    if (known !== undefined) return known;
    this.glyphIds.push(id);
    this.subsetIdOf.set(id, this.glyphIds.length - 1);
    return this.glyphIds.length - 1;
  }

  encode(): Uint8Array {
    const charstrings = this.glyphIds.map((id) => this.charstringOf(id));
    return writeCidCff(this.font.postscriptName, charstrings, this.font.bbox);
  }

  private charstringOf(id: number): Uint8Array {
    let bytes = this.charstringCache.get(id);
    if (bytes === undefined) {
      bytes = outlineToCharstring(this.font.getGlyph(id).path.commands);
      this.charstringCache.set(id, bytes);
    }
    return bytes;
  }
}

export function outlineToCharstring(commands: readonly PathCommand[]): Uint8Array {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  // Deltas between rounded absolute points, so rounding never accumulates along a contour.
  const to = (px: number, py: number): void => {
    const rx = Math.round(px);
    const ry = Math.round(py);
    pushCharstringNumber(out, rx - x);
    pushCharstringNumber(out, ry - y);
    x = rx;
    y = ry;
  };
  for (const c of commands) {
    switch (c.command) {
      case 'moveTo':
        to(c.args[0], c.args[1]);
        out.push(RMOVETO);
        break;
      case 'lineTo':
        to(c.args[0], c.args[1]);
        out.push(RLINETO);
        break;
      case 'bezierCurveTo':
        to(c.args[0], c.args[1]);
        to(c.args[2], c.args[3]);
        to(c.args[4], c.args[5]);
        out.push(RRCURVETO);
        break;
      case 'quadraticCurveTo': {
        // CFF has only cubic curves; a quadratic is the cubic with controls 2/3 of the way to q.
        const [qx, qy, ex, ey] = c.args;
        to(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y));
        to(ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey));
        to(ex, ey);
        out.push(RRCURVETO);
        break;
      }
      case 'closePath':
        // CFF closes a contour implicitly at the next moveto or at endchar.
        break;
    }
  }
  out.push(ENDCHAR);
  return Uint8Array.from(out);
}

function pushCharstringNumber(out: number[], v: number): void {
  if (v >= -107 && v <= 107) out.push(v + 139);
  else if (v >= 108 && v <= 1131) out.push(((v - 108) >> 8) + 247, (v - 108) & 0xff);
  else if (v >= -1131 && v <= -108) out.push(((-v - 108) >> 8) + 251, (-v - 108) & 0xff);
  else if (v >= -32768 && v <= 32767) out.push(28, (v >> 8) & 0xff, v & 0xff);
  else throw new RangeError(`outline step ${v} is beyond what a charstring can hold (±32767 font units)`);
}

/** DICT operands: every offset and count as a 5-byte integer, so a DICT's size never depends on them. */
function dictInt(v: number): number[] {
  return [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

const op = (code: number): number[] => [code];
const escOp = (code: number): number[] => [12, code];

/** CFF INDEX: count, offset size, 1-based offsets, then the data. */
function writeIndex(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array(2);
  const dataLength = items.reduce((sum, item) => sum + item.length, 0);
  const offSize = dataLength + 1 < 0x100 ? 1 : dataLength + 1 < 0x10000 ? 2 : dataLength + 1 < 0x1000000 ? 3 : 4;
  const headerLength = 3 + (items.length + 1) * offSize;
  const out = new Uint8Array(headerLength + dataLength);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let offset = 1;
  let dataAt = headerLength;
  const writeOffset = (index: number, value: number): void => {
    for (let b = 0; b < offSize; b++) out[3 + index * offSize + b] = (value >>> (8 * (offSize - 1 - b))) & 0xff;
  };
  items.forEach((item, i) => {
    writeOffset(i, offset);
    out.set(item, dataAt);
    offset += item.length;
    dataAt += item.length;
  });
  writeOffset(items.length, offset);
  return out;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0x7f);

/** First SID after the 391 standard strings: our String INDEX holds "Adobe", then "Identity". */
const SID_ADOBE = 391;
const SID_IDENTITY = 392;

interface Offsets {
  charset: number;
  fdSelect: number;
  charStrings: number;
  fdArray: number;
}

function topDict(glyphCount: number, bbox: FontkitFont['bbox'], at: Offsets): Uint8Array {
  const box = [Math.floor(bbox.minX), Math.floor(bbox.minY), Math.ceil(bbox.maxX), Math.ceil(bbox.maxY)];
  return Uint8Array.from([
    // ROS must be the first operator of a CID-keyed font's Top DICT.
    ...dictInt(SID_ADOBE),
    ...dictInt(SID_IDENTITY),
    ...dictInt(0),
    ...escOp(30),
    ...dictInt(glyphCount),
    ...escOp(34), // CIDCount
    ...box.flatMap(dictInt),
    ...op(5), // FontBBox
    ...dictInt(at.charset),
    ...op(15),
    ...dictInt(at.fdSelect),
    ...escOp(37),
    ...dictInt(at.charStrings),
    ...op(17),
    ...dictInt(at.fdArray),
    ...escOp(36),
  ]);
}

function writeCidCff(fontName: string, charstrings: readonly Uint8Array[], bbox: FontkitFont['bbox']): Uint8Array {
  const count = charstrings.length;
  const header = Uint8Array.from([1, 0, 4, 4]);
  const nameIndex = writeIndex([ascii(fontName)]);
  const stringIndex = writeIndex([ascii('Adobe'), ascii('Identity')]);
  const globalSubrs = writeIndex([]);

  // charset format 0: CID i for glyph i (glyph 0 is implicit).
  const charset = new Uint8Array(1 + 2 * (count - 1));
  for (let gid = 1; gid < count; gid++) {
    charset[1 + 2 * (gid - 1)] = gid >> 8;
    charset[2 + 2 * (gid - 1)] = gid & 0xff;
  }
  // FDSelect format 0: every glyph uses the one font DICT.
  const fdSelect = new Uint8Array(1 + count);
  const charStringsIndex = writeIndex(charstrings);
  // An empty Private DICT is legal but trips some readers; defaultWidthX 0 keeps it non-empty.
  const privateDict = Uint8Array.from([139, 20]);

  const topLength = writeIndex([topDict(count, bbox, { charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0 })]).length;
  const charsetAt = header.length + nameIndex.length + topLength + stringIndex.length + globalSubrs.length;
  const fdSelectAt = charsetAt + charset.length;
  const charStringsAt = fdSelectAt + fdSelect.length;
  const fdArrayAt = charStringsAt + charStringsIndex.length;
  const fontDictLength = 11;
  const fdArrayLength = writeIndex([new Uint8Array(fontDictLength)]).length;
  const privateAt = fdArrayAt + fdArrayLength;
  const fontDict = Uint8Array.from([...dictInt(privateDict.length), ...dictInt(privateAt), ...op(18)]);
  const fdArray = writeIndex([fontDict]);
  const top = writeIndex([
    topDict(count, bbox, { charset: charsetAt, fdSelect: fdSelectAt, charStrings: charStringsAt, fdArray: fdArrayAt }),
  ]);

  const parts = [
    header,
    nameIndex,
    top,
    stringIndex,
    globalSubrs,
    charset,
    fdSelect,
    charStringsIndex,
    fdArray,
    privateDict,
  ];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
