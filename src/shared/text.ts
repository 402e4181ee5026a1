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
