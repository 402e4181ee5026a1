import type { Role } from './roles.js';

/**
 * What may be shown of a person, and to whom. One masked form for each kind of data:
 *
 * | data      | masked form          | kept                                          |
 * |-----------|----------------------|-----------------------------------------------|
 * | name      | 王*芳, 王*            | the family name, and the last character of 3+ |
 * | ID number | 6201**********123X   | region (4) and the last 4; birth date hidden  |
 * | phone     | 139****5678          | first 3 and last 4 (short numbers: last 4)    |
 *
 * Public pages, the hall screens, the 公示 and the logs only ever see these forms. Staff read names
 * and phone numbers in full (desks call and register households); full ID numbers only as
 * `seesFullIdNumbers` below decides.
 */

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` : '*'.repeat(id.length);
}

export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const head = chars.length >= 11 ? chars.slice(0, 3).join('') : '';
  return `${head}${'*'.repeat(chars.length - head.length - 4)}${chars.slice(-4).join('')}`;
}

// Inside longer text (a search query, an SQL error's detail, audit JSON): not part of a longer run of letters or digits.
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** The text with every full ID number in its masked form. */
export const maskIdNumbersIn = (text: string): string =>
  text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id.toUpperCase()));

/** A log line's text: log files travel where staff rights do not reach, so ID and mobile numbers go masked. */
export const scrubForLog = (text: string): string =>
  maskIdNumbersIn(text).replace(MOBILE_NUMBER_IN_TEXT, (phone) => maskPhone(phone));

/** Where a full ID number would be read: a household's file on screen, or the agreement paper (PDF, signed scan). */
export type IdNumberPlace = 'file' | 'agreement';

/**
 * The desks whose work is reading the whole number: 身份信息核对 compares the card with the file;
 * 协议签订 prints the head's number on the agreement and issues that paper. Their roles (id_checker,
 * signing_clerk, as checkin/stages.ts assigns the desks), with the managers', read full numbers; every
 * other desk, every public page and the logs see them masked. Named here by role, not by stage, so this
 * shared module depends on nothing above it.
 */
const FULL_ID_NUMBER_DESK_ROLES: Record<IdNumberPlace, readonly Role[]> = {
  file: ['id_checker', 'signing_clerk'],
  agreement: ['signing_clerk'],
};

/** The roles that read full ID numbers at `place` (access rules of routes are lists of roles). */
export const fullIdNumberReaders = (place: IdNumberPlace): readonly Role[] => [
  'admin',
  'supervisor',
  ...FULL_ID_NUMBER_DESK_ROLES[place],
];

/** The one decision of who reads full ID numbers; `null` is anyone without a session (public pages, logs). */
export function seesFullIdNumbers(viewer: { roles: readonly Role[] } | null, place: IdNumberPlace = 'file'): boolean {
  if (!viewer) return false;
  const readers = fullIdNumberReaders(place);
  return viewer.roles.some((role) => readers.includes(role));
}
