/**
 * The fallback for Han characters the main font lacks: 花園明朝 HanaMinA/B (free: Hanazono Font
 * License, or SIL OFL 1.1 at the user's choice) from the npm package `hanamin`. Noto Sans Hans stops
 * at the BMP; names on household registers use 生僻字 from CJK Extension B and beyond (𠀀 U+20000,
 * 𡒄 U+21484), which HanaMinB covers through Extension F.
 *
 * The package ships the fonts split by Unicode block into WOFF2 files, with a stylesheet that says
 * which file holds which code points. A file is parsed the first time one of its characters is asked
 * for, then kept for the life of the process: a project's names touch only a handful of them, and
 * parsing all of them up front would cost seconds for nothing.
 *
 * Glyphs are handed out as "virtual" glyphs of the main font: ids past any real glyph id (OpenType
 * stops at 65535), advance and outline scaled to the main font's units. The main font's subsetter
 * writes outlines whatever their source (cff-subset.ts), so one embedded font carries both and text
 * needs no font switch in the middle of a line, a table cell or a wrapped paragraph.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type FontkitFont, type FontkitGlyph, type FontkitPath, openSync, type PathCommand } from 'fontkit';

export const FIRST_FALLBACK_GLYPH_ID = 0x10000;

export interface FontFaceFile {
  file: string;
  /** Inclusive code point ranges, as the stylesheet's unicode-range gives them. */
  ranges: [number, number][];
}

/** The @font-face rules of a split web font: which file answers for which code points. */
export function parseFontFaceRanges(css: string): FontFaceFile[] {
  const faces: FontFaceFile[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\s*["']?([^"')]+\.(?:woff2|woff|ttf|otf))["']?\s*\)/i.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/i.exec(block)?.[1];
    if (file === undefined || range === undefined) continue;
    const ranges = range.split(',').flatMap((part) => {
      const parsed = parseRange(part);
      return parsed ? [parsed] : [];
    });
    faces.push({ file, ranges });
  }
  return faces;
}

function parseRange(text: string): [number, number] | null {
  // Wildcards (U+4??) are legal CSS but this package writes none; such a range is simply not used.
  const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(text);
  if (!m?.[1]) return null;
  const start = Number.parseInt(m[1], 16);
  return [start, m[2] ? Number.parseInt(m[2], 16) : start];
}

/** The split font files, each parsed on first use. */
export class FallbackFaces {
  private readonly opened = new Map<string, FontkitFont>();

  constructor(
    private readonly directory: string,
    private readonly faces: readonly FontFaceFile[],
  ) {}

  /** The font that has a glyph for the code point, or null. */
  fontFor(codePoint: number): FontkitFont | null {
    const face = this.faces.find((f) => f.ranges.some(([from, to]) => codePoint >= from && codePoint <= to));
    if (!face) return null;
    let font = this.opened.get(face.file);
    if (font === undefined) {
      const path = join(this.directory, face.file);
      const parsed = openSync(path);
      if (!('layout' in parsed)) throw new Error(`${path} is a font collection, expected a single font`);
      font = parsed;
      this.opened.set(face.file, font);
    }
    return font.hasGlyphForCodePoint(codePoint) ? font : null;
  }
}

let faces: FallbackFaces | undefined;

export function fallbackFaces(): FallbackFaces {
  if (faces === undefined) {
    // The package has no exports map; its stylesheet sits beside the font files.
    const css = createRequire(import.meta.url).resolve('hanamin/HanaMin.css');
    faces = new FallbackFaces(dirname(css), parseFontFaceRanges(readFileSync(css, 'utf8')));
  }
  return faces;
}

/** Han only: the fallback is a Ming face, and must not replace a Latin letter or a control. */
const isHan = (codePoint: number): boolean => /\p{Script=Han}/u.test(String.fromCodePoint(codePoint));

/** Fallback glyphs as virtual glyphs of one main font (its units, ids from FIRST_FALLBACK_GLYPH_ID). */
export class FallbackGlyphs {
  private readonly byCodePoint = new Map<number, FontkitGlyph | null>();
  private readonly byId: FontkitGlyph[] = [];

  constructor(
    private readonly faces: FallbackFaces,
    private readonly unitsPerEm: number,
  ) {}

  glyphFor(codePoint: number): FontkitGlyph | null {
    const known = this.byCodePoint.get(codePoint);
    if (known !== undefined) return known;
    const font = isHan(codePoint) ? this.faces.fontFor(codePoint) : null;
    const glyph = font ? this.virtualGlyph(font, codePoint) : null;
    this.byCodePoint.set(codePoint, glyph);
    return glyph;
  }

  getGlyph(id: number): FontkitGlyph | undefined {
    return this.byId[id - FIRST_FALLBACK_GLYPH_ID];
  }

  private virtualGlyph(font: FontkitFont, codePoint: number): FontkitGlyph {
    const source = font.glyphForCodePoint(codePoint);
    const scale = this.unitsPerEm / font.unitsPerEm;
    let path: FontkitPath | undefined;
    const glyph: FontkitGlyph = {
      id: FIRST_FALLBACK_GLYPH_ID + this.byId.length,
      codePoints: [codePoint],
      advanceWidth: source.advanceWidth * scale,
      // Decoding an outline is the costly part; only an embedded glyph needs it.
      get path(): FontkitPath {
        path ??= { commands: source.path.commands.map((c) => scaleCommand(c, scale)) };
        return path;
      },
    };
    this.byId.push(glyph);
    return glyph;
  }
}

function scaleCommand(command: PathCommand, scale: number): PathCommand {
  switch (command.command) {
    case 'moveTo':
    case 'lineTo':
      return { command: command.command, args: [command.args[0] * scale, command.args[1] * scale] };
    case 'quadraticCurveTo': {
      const [a, b, c, d] = command.args;
      return { command: 'quadraticCurveTo', args: [a * scale, b * scale, c * scale, d * scale] };
    }
    case 'bezierCurveTo': {
      const [a, b, c, d, e, f] = command.args;
      return { command: 'bezierCurveTo', args: [a * scale, b * scale, c * scale, d * scale, e * scale, f * scale] };
    }
    case 'closePath':
      return command;
  }
}
