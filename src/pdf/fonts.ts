/**
 * The CJK fonts for every PDF: Noto Sans Hans (SIL OFL) from @embedpdf/fonts-sc, with 花園明朝
 * (fallback-font.ts) for the Han characters it lacks.
 *
 * Each font file is 8 MB; parsing it takes ~40 ms, so it is parsed once per process, on first use,
 * and the parsed font is handed to every pdfkit document (pdfkit subsets it per document).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type FontkitFont, type FontkitGlyph, type FontkitGlyphRun, type FontkitSubset, openSync } from 'fontkit';
import { OutlineCffSubset } from './cff-subset.js';
import { FallbackGlyphs, FIRST_FALLBACK_GLYPH_ID, fallbackFaces } from './fallback-font.js';

export interface PdfFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

/** Plenty for the texts of a project's papers; past it the cache starts over rather than grow. */
const LAYOUT_CACHE_LIMIT = 20_000;

let loaded: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  loaded ??= {
    regular: withFallback(openFont('NotoSansHans-Regular.otf')),
    bold: withFallback(openFont('NotoSansHans-Bold.otf')),
  };
  return loaded;
}

function withFallback(font: FontkitFont): OutlineSubsettingFont {
  return new OutlineSubsettingFont(font, new FallbackGlyphs(fallbackFaces(), font.unitsPerEm));
}

/** Whether some font of the PDFs has a real glyph (not .notdef) for the code point. */
export function canPrintCodePoint(codePoint: number): boolean {
  return pdfFonts().regular.hasGlyphForCodePoint(codePoint);
}

function openFont(fileName: string): FontkitFont {
  const path = join(fontsDirectory(), fileName);
  const font = openSync(path);
  if (!('layout' in font)) throw new Error(`${path} is a font collection, expected a single font`);
  return font;
}

/**
 * The package's exports map exposes only its JS entry, not the .otf files, so a direct
 * require.resolve of the font path fails (ERR_PACKAGE_PATH_NOT_EXPORTED); the fonts sit in
 * fonts/ next to dist/, where the entry resolves.
 */
function fontsDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts');
}

/**
 * The fontkit font as pdfkit sees it, except for subsetting (see cff-subset.ts for why) and a
 * layout cache. Charstrings are cached per glyph for the life of the process; a document embeds
 * only its own glyphs, so nothing of one document reaches another's bytes.
 */
class OutlineSubsettingFont implements FontkitFont {
  private readonly charstrings = new Map<number, Uint8Array>();
  private readonly layouts = new Map<string, FontkitGlyphRun>();

  constructor(
    private readonly font: FontkitFont,
    private readonly fallback: FallbackGlyphs,
  ) {}

  get postscriptName(): string {
    return this.font.postscriptName;
  }
  get unitsPerEm(): number {
    return this.font.unitsPerEm;
  }
  get ascent(): number {
    return this.font.ascent;
  }
  get descent(): number {
    return this.font.descent;
  }
  get lineGap(): number {
    return this.font.lineGap;
  }
  get capHeight(): number {
    return this.font.capHeight;
  }
  get xHeight(): number {
    return this.font.xHeight;
  }
  get italicAngle(): number {
    return this.font.italicAngle;
  }
  get bbox(): FontkitFont['bbox'] {
    return this.font.bbox;
  }
  get numGlyphs(): number {
    return this.font.numGlyphs;
  }
  get 'OS/2'(): FontkitFont['OS/2'] {
    return this.font['OS/2'];
  }
  get post(): FontkitFont['post'] {
    return this.font.post;
  }
  get head(): FontkitFont['head'] {
    return this.font.head;
  }

  /**
   * fontkit runs its whole shaping pipeline for every string, and pdfkit's layout cache lives only
   * as long as one document; the same words recur in every agreement, so runs are kept here for
   * the process. pdfkit scales the positions of the run it receives in place, so each caller gets
   * fresh positions, and an advanceWidth read from them as fontkit's GlyphRun does.
   */
  layout(text: string, features?: string[] | Record<string, boolean>): FontkitGlyphRun {
    if (features !== undefined) return this.font.layout(text, features);
    let run = this.layouts.get(text);
    if (run === undefined) {
      run = this.layoutWithFallback(text);
      if (this.layouts.size >= LAYOUT_CACHE_LIMIT) this.layouts.clear();
      this.layouts.set(text, run);
    }
    return freshRun(run);
  }

  getGlyph(id: number): FontkitGlyph {
    if (id < FIRST_FALLBACK_GLYPH_ID) return this.font.getGlyph(id);
    return this.fallback.getGlyph(id) ?? this.font.getGlyph(0);
  }

  hasGlyphForCodePoint(codePoint: number): boolean {
    return this.font.hasGlyphForCodePoint(codePoint) || this.fallback.glyphFor(codePoint) !== null;
  }

  glyphForCodePoint(codePoint: number): FontkitGlyph {
    if (this.font.hasGlyphForCodePoint(codePoint)) return this.font.glyphForCodePoint(codePoint);
    return this.fallback.glyphFor(codePoint) ?? this.font.glyphForCodePoint(codePoint);
  }

  /**
   * Text the main font covers is shaped by it as one run, as before; characters only the fallback
   * has are cut out of it and set at their own advance (CJK needs no kerning across the cut).
   */
  private layoutWithFallback(text: string): FontkitGlyphRun {
    const glyphs: FontkitGlyph[] = [];
    const positions: FontkitGlyphRun['positions'] = [];
    let pending = '';
    const flush = (): void => {
      if (pending === '') return;
      const run = this.font.layout(pending);
      glyphs.push(...run.glyphs);
      positions.push(...run.positions);
      pending = '';
    };
    let usedFallback = false;
    for (const char of text) {
      const codePoint = char.codePointAt(0) ?? 0;
      const glyph = this.font.hasGlyphForCodePoint(codePoint) ? null : this.fallback.glyphFor(codePoint);
      if (glyph === null) {
        pending += char;
        continue;
      }
      flush();
      usedFallback = true;
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    if (!usedFallback) return this.font.layout(text);
    flush();
    return { glyphs, positions, advanceWidth: positions.reduce((sum, p) => sum + p.xAdvance, 0) };
  }

  createSubset(): FontkitSubset {
    // The subset asks this font, not the bare one, so that fallback glyphs are found by their ids.
    return new OutlineCffSubset(this, this.charstrings);
  }
}

function freshRun(run: FontkitGlyphRun): FontkitGlyphRun {
  const positions = run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
    xAdvance,
    yAdvance,
    xOffset,
    yOffset,
  }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth(): number {
      let width = 0;
      for (const position of positions) width += position.xAdvance;
      return width;
    },
  };
}
