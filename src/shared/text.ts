/** Full-width digits, letters and spaces to their ASCII forms; runs of whitespace to one space. */
export function normalizeText(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Lists pad two-character names with full-width spaces ("王　芳"); a Chinese name has none. */
export function normalizePersonName(raw: string): string {
  const text = normalizeText(raw);
  return /^[\p{Script=Han}·\s]+$/u.test(text) ? text.replace(/\s+/g, '') : text;
}

/** Codes (户号, 室号) never contain spaces; staff type them in every width. */
export function normalizeCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The one control character no kept text may hold: PostgreSQL cannot store NUL (SQLite can), so
 * the same value would be a 500 on one database and stored on the other. The API refuses it at
 * the door (http/nul-guard.ts); the import refuses the cell.
 */
export const NUL = '\u0000';
export const hasNul = (text: string): boolean => text.includes(NUL);
