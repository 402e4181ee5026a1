import { describe, expect, it } from 'vitest';
import { parseFontFaceRanges } from '../src/pdf/fallback-font.js';
import {
  AT_SIGNING,
  type CanPrint,
  markUnprintable,
  unprintableCharacters,
  unprintableNameWarnings,
} from '../src/shared/printable-text.js';
import { normalizeCode, normalizePersonName, stripInvisibleControls } from '../src/shared/text.js';

describe('stripInvisibleControls', () => {
  const controls = [
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '\u200B',
    '\u200C',
    '\u200D',
    '\u2060',
    '\uFEFF',
  ];

  it('removes every bidi control and zero-width character, and nothing else', () => {
    for (const c of controls)
      expect(stripInvisibleControls(`王${c}芳`), `U+${c.codePointAt(0)?.toString(16)}`).toBe('王芳');
    expect(stripInvisibleControls('阿依古丽·买买提 O’Neil')).toBe('阿依古丽·买买提 O’Neil');
  });

  it('is applied by the name and code normalisers that the API schemas and the import share', () => {
    // An override would show 王芳 as 芳王 while storing and printing 王芳.
    expect(normalizePersonName('\u202E王\u200B芳\u202C')).toBe('王芳');
    expect(normalizePersonName('\uFEFF王　芳')).toBe('王芳');
    expect(normalizeCode('\u2066B7-001\u2069')).toBe('B7-001');
  });
});

describe('names the fonts cannot print', () => {
  // As if the fonts had everything but U+30000 and the private-use area.
  const canPrint: CanPrint = (cp) => cp !== 0x30000 && !(cp >= 0xe000 && cp <= 0xf8ff);

  it('lists the characters once each, in order, and marks each place for the pen', () => {
    expect(unprintableCharacters('张\u{30000}\uE001\u{30000}', canPrint)).toEqual(['\u{30000}', '\uE001']);
    expect(markUnprintable('张\u{30000}明\uE001', canPrint)).toBe('张□明□');
    expect(markUnprintable('王\u{20000}芳', canPrint)).toBe('王\u{20000}芳');
  });

  it('tells the desk which character of which name, with its code point, in Chinese', () => {
    const warnings = unprintableNameWarnings(
      [
        { role: '户主', name: '王\u{20000}芳' },
        { role: '家庭成员', name: '张\u{30000}明\uE001' },
        { role: '家庭成员', name: '张\u{30000}明\uE001' },
      ],
      canPrint,
      AT_SIGNING,
    );
    expect(warnings).toEqual([
      `家庭成员“张\u{30000}明\uE001”中的“\u{30000}”（U+30000）、“\uE001”（U+E001）系统字库无法打印，${AT_SIGNING}`,
    ]);
  });
});

describe('parseFontFaceRanges', () => {
  it('reads which file of a split web font holds which code points', () => {
    const css = `@font-face {
  font-family: HanaMin;
  src: local("HanaMinB"), url(HanaMinB.Ext-B-01.woff2) format("woff2");
  unicode-range: U+20000-203ff;
}
@font-face { src: url("A.woff2"); unicode-range: U+0, U+20-7e, U+4??; }
@font-face { src: local("only local"); unicode-range: U+100; }`;
    expect(parseFontFaceRanges(css)).toEqual([
      { file: 'HanaMinB.Ext-B-01.woff2', ranges: [[0x20000, 0x203ff]] },
      {
        file: 'A.woff2',
        ranges: [
          [0, 0],
          [0x20, 0x7e],
        ],
      },
    ]);
  });
});
