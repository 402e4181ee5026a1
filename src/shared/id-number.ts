/** 居民身份证号码 per GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** Full-width digits, spaces and a lower-case x are what a spreadsheet typically hands us. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export type IdNumberProblem = 'length' | 'characters' | 'birthDate' | 'checksum';

export function idNumberProblem(id: string): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1880 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'birthDate';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export const idNumberProblemText: Record<IdNumberProblem, string> = {
  length: '身份证号应为 18 位',
  characters: '身份证号只能是 17 位数字加 1 位数字或 X',
  birthDate: '身份证号中的出生日期无效',
  checksum: '身份证号校验位错误（可能有输错的数字）',
};

export function isValidIdNumber(id: string): boolean {
  return idNumberProblem(id) === null;
}
