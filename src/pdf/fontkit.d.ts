/**
 * fontkit 2 ships no types. Declared here: only the part this project and pdfkit touch, so the
 * compiler still catches a misspelt member. pdfkit accepts an already parsed font object (anything
 * with a `layout` function) in registerFont at runtime; @types/pdfkit does not say so, hence the
 * overload at the bottom.
 */
declare module 'fontkit' {
  export type PathCommand =
    | { command: 'moveTo' | 'lineTo'; args: [number, number] }
    | { command: 'quadraticCurveTo'; args: [number, number, number, number] }
    | { command: 'bezierCurveTo'; args: [number, number, number, number, number, number] }
    | { command: 'closePath'; args: [] };

  export interface FontkitPath {
    commands: PathCommand[];
  }

  export interface FontkitBBox {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }

  export interface FontkitGlyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    path: FontkitPath;
  }

  export interface FontkitGlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }

  export interface FontkitGlyphRun {
    glyphs: FontkitGlyph[];
    positions: FontkitGlyphPosition[];
    advanceWidth: number;
  }

  /** What pdfkit asks of a subset: ids in the subset for glyphs of the font, then the font program. */
  export interface FontkitSubset {
    includeGlyph(glyph: number | FontkitGlyph): number;
    encode(): Uint8Array;
    /** pdfkit embeds the program as CIDFontType0C (CFF) when this is present, as TrueType otherwise. */
    readonly cff?: unknown;
  }

  /** The members pdfkit's EmbeddedFont reads, plus what the subsetter needs. */
  export interface FontkitFont {
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly lineGap: number;
    readonly capHeight: number;
    readonly xHeight: number;
    readonly italicAngle: number;
    readonly bbox: FontkitBBox;
    readonly numGlyphs: number;
    readonly 'OS/2': { sFamilyClass?: number } | undefined;
    readonly post: { isFixedPitch: number | boolean };
    readonly head: { macStyle: { italic: boolean } };
    layout(text: string, features?: string[] | Record<string, boolean>): FontkitGlyphRun;
    getGlyph(id: number): FontkitGlyph;
    createSubset(): FontkitSubset;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
  }

  export interface FontkitCollection {
    readonly fonts: FontkitFont[];
    getFont(postscriptName: string): FontkitFont | null;
  }

  export function openSync(path: string, postscriptName?: string): FontkitFont | FontkitCollection;
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}

declare namespace PDFKit.Mixins {
  interface PDFFont {
    registerFont(name: string, src: import('fontkit').FontkitFont): this;
  }
}
