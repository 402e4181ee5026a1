/**
 * Characters of a name that no font of the papers can print (生僻字 past what the fonts cover, or
 * private-use characters from a local 造字 system). Pure: which code points print is passed in, so
 * that the rule is tested without fonts and the fonts are read by the caller (src/pdf/fonts.ts).
 *
 * Such a character is never printed as a .notdef box, which reads as a real character, or dropped,
 * which prints another person's name: the paper leaves a marked gap that the clerk fills by hand,
 * and the desk is told which character of which name, with its code point, in Chinese.
 */
export type CanPrint = (codePoint: number) => boolean;

/** What the paper shows in place of a character it cannot print; the clerk writes it in by hand. */
export const HAND_FILL_MARK = '□';
export const HAND_FILL_NOTE = '注：□ 处由经办人手写（系统字库缺字）。';

export interface PersonName {
  /** Who, as the desk would say it: 户主, 家庭成员, 委托代理人. */
  role: string;
  name: string;
}

/** The distinct characters of `text` that cannot be printed, in order of appearance. */
export function unprintableCharacters(text: string, canPrint: CanPrint): string[] {
  const found: string[] = [];
  for (const char of text) {
    if (/\s/u.test(char) || found.includes(char)) continue;
    if (!canPrint(char.codePointAt(0) ?? 0)) found.push(char);
  }
  return found;
}

/** `text` with each unprintable character replaced by HAND_FILL_MARK. */
export function markUnprintable(text: string, canPrint: CanPrint): string {
  let out = '';
  for (const char of text) out += /\s/u.test(char) || canPrint(char.codePointAt(0) ?? 0) ? char : HAND_FILL_MARK;
  return out;
}

const codePointLabel = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * One warning per name with unprintable characters, e.g.
 * 户主“张𰀀”中的“𰀀”（U+30000）系统字库无法打印，<consequence>. The code point is given because the
 * desk's own screen may lack the character too.
 */
export function unprintableNameWarnings(
  names: readonly PersonName[],
  canPrint: CanPrint,
  consequence: string,
): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const { role, name } of names) {
    const key = `${role}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const missing = unprintableCharacters(name, canPrint);
    if (missing.length === 0) continue;
    const listed = missing.map((c) => `“${c}”（${codePointLabel(c)}）`).join('、');
    warnings.push(`${role}“${name}”中的${listed}系统字库无法打印，${consequence}`);
  }
  return warnings;
}

export const AT_ID_CHECK = '签约时协议上该处将留出“□”，由经办人手写，请当场核对该字的写法';
export const AT_SIGNING = '协议上该处已留出“□”，请经办人手写填写后再由双方签字';
export const AT_IMPORT = '协议上该处将留出“□”，由经办人手写';
