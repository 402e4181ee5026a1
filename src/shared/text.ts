/**
 * Bidirectional controls (U+202A–202E embeddings and overrides, U+2066–2069 isolates, U+200E/F
 * marks, U+061C) and zero-width characters (U+200B–200D, U+2060 word joiner, U+FEFF). None of them
 * belongs in a name, a code or an address: pasted from another system they make two equal names
 * compare unequal, and an override can make a name display as something else than what is stored
 * and printed (王芳 shown as 芳王). They are removed, not refused: spreadsheets carry stray ones
 * (a BOM, a zero-width space) that staff cannot see, so a refusal would be a riddle.
 */
const INVISIBLE_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

export function stripInvisibleControls(raw: string): string {
  return raw.replace(INVISIBLE_CONTROLS, '');
}

/** Full-width digits, letters and spaces to their ASCII forms; runs of whitespace to one space. */
export function normalizeText(raw: string): string {
  return stripInvisibleControls(raw).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Lists pad two-character names with full-width spaces ("王　芳"); a Chinese name has none. */
export function normalizePersonName(raw: string): string {
  const text = normalizeText(raw);
  return /^[\p{Script=Han}·\s]+$/u.test(text) ? text.replace(/\s+/g, '') : text;
}

/** Codes (户号, 室号) never contain spaces; staff type them in every width. */
export function normalizeCode(raw: string): string {
  return stripInvisibleControls(raw).normalize('NFKC').replace(/\s+/g, '');
}

/** Staff type 户号 in any case ("b7-013" for B7-013): lookups compare codes by this key. */
export const codeLookupKey = (raw: string): string => normalizeCode(raw).toUpperCase();

/**
 * The one control character no kept text may hold: PostgreSQL cannot store NUL (SQLite can), so
 * the same value would be a 500 on one database and stored on the other. The API refuses it at
 * the door (http/nul-guard.ts); the import refuses the cell.
 */
export const NUL = '\u0000';
export const hasNul = (text: string): boolean => text.includes(NUL);
