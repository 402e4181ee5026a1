/** China has kept UTC+8 without daylight saving since 1991: a fixed offset is exact for our dates. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function shanghaiWallToUtcIso(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return null;
  }
  return new Date(ms - SHANGHAI_OFFSET_MS).toISOString();
}

/** "2026-11-27 21:05:09" in Asia/Shanghai, for screens and paper. */
export function formatShanghai(iso: string): string {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && shanghaiWallToUtcIso(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}
