import { parseAreaCenti } from '../shared/area.js';
import { shanghaiWallToUtcIso } from '../shared/time.js';
import type { CellValue } from './sheet-row.js';

/**
 * Why a cell could not be read, in Chinese. Not an Error: capturing a stack for every bad cell made
 * checking 40,000 bad rows take seconds.
 */
export class CellProblem {
  constructor(readonly message: string) {}
}

/** Each reader returns a value, null for an empty cell, or the problem. */
export type CellResult<T> = T | null | CellProblem;

export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).normalize('NFKC').trim();
}

export function readText(value: CellValue): string | null {
  const text = cellText(value);
  return text === '' ? null : text;
}

/** Free text (备注) keeps its Chinese punctuation: NFKC would turn "：" and "，" into ASCII. */
export function readNote(value: CellValue): string {
  if (value === null) return '';
  return value instanceof Date ? value.toISOString() : String(value).trim();
}

export function readArea(value: CellValue): CellResult<number> {
  const text = cellText(value);
  if (text === '') return null;
  const centi = parseAreaCenti(text);
  return centi === null ? new CellProblem('面积不是有效数字（最多两位小数）') : centi;
}

const TRUE_WORDS = ['是', '√', '✓', '✔', 'Y', 'YES', 'TRUE', '1', '有'];
const FALSE_WORDS = ['否', '×', 'N', 'NO', 'FALSE', '0', '无', '-'];

export function readFlag(value: CellValue): CellResult<boolean> {
  if (typeof value === 'boolean') return value;
  const text = cellText(value).toUpperCase();
  if (text === '') return null;
  if (TRUE_WORDS.includes(text)) return true;
  if (FALSE_WORDS.includes(text)) return false;
  return new CellProblem('应填“是”或“否”');
}

/** 18-digit numbers exceed a double's precision: Excel has already changed the last digits. */
export function readIdNumberText(value: CellValue): CellResult<string> {
  if (typeof value === 'number')
    return new CellProblem('身份证号被存成了数字，末几位已丢失；请把该列设为“文本”后重新填写');
  const text = cellText(value);
  return text === '' ? null : text;
}

// Excel's serial day 25569 is 1970-01-01; the wall-clock reading is what staff typed.
const excelSerialToDate = (serial: number): Date => new Date(Math.round((serial - 25569) * 86_400_000));

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/;

function wallParts(value: CellValue): number[] | CellProblem | null {
  if (value instanceof Date || typeof value === 'number') {
    if (typeof value === 'number' && (value < 1 || value > 100_000)) return new CellProblem('日期无效');
    const d = value instanceof Date ? value : excelSerialToDate(value);
    return [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ];
  }
  const text = cellText(value);
  if (text === '') return null;
  const m = DATE_TIME.exec(text);
  if (!m) return new CellProblem('日期格式应为 2021-03-15 或 2021-03-15 09:30:12');
  return m.slice(1).map((part, i) => (part === undefined ? (i < 3 ? Number.NaN : -1) : Number(part)));
}

/** A signing time: Asia/Shanghai wall clock to at least the minute, stored as UTC ISO. */
export function readDateTime(value: CellValue): CellResult<string> {
  const parts = wallParts(value);
  if (parts === null || parts instanceof CellProblem) return parts;
  const [y = 0, mo = 0, d = 0, h = -1, mi = -1, s = -1] = parts;
  if (h < 0 || mi < 0) return new CellProblem('签订时间须含时、分（如 2021-03-15 09:30:12），用于先签先选排序');
  return shanghaiWallToUtcIso(y, mo, d, h, mi, Math.max(s, 0)) ?? new CellProblem('日期或时间不存在');
}

/** A calendar date, kept as YYYY-MM-DD. */
export function readDate(value: CellValue): CellResult<string> {
  const parts = wallParts(value);
  if (parts === null || parts instanceof CellProblem) return parts;
  const [y = 0, mo = 0, d = 0] = parts;
  if (shanghaiWallToUtcIso(y, mo, d) === null) return new CellProblem('日期不存在');
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
