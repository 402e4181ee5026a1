import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetCell = string | number | boolean | Date | null;

export interface XlsxOptions {
  /** Ranges such as "A1:K1", applied after the values, as Excel keeps only the top-left value. */
  merges?: string[];
}

/** An .xlsx as Excel or WPS would save it; a row given as [] is left out, as Excel stores no empty row. */
export async function buildXlsx(rows: SheetCell[][], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads back the first worksheet exactly as a spreadsheet program would open it. */
export async function openXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('workbook has no worksheet');
  return sheet;
}

export function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number): string[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text);
}

/** RFC 4180 quoting and CRLF line ends, as Excel writes CSV. */
export function csvText(rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export const utf8WithBom = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

let gbkTable: Map<string, Buffer> | null = null;

/**
 * Node can decode GB18030 but not encode it. Every two-byte code is decoded one by one (so an
 * unmapped pair cannot shift the rest) and the table inverted: an encoder for the GBK range,
 * which covers what a Chinese Excel writes for names and headers.
 */
function twoByteTable(): Map<string, Buffer> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const char = decoder.decode(bytes);
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, bytes);
    }
  }
  gbkTable = table;
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const table = twoByteTable();
  const parts: Buffer[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const bytes = code < 0x80 ? Buffer.from([code]) : table.get(char);
    if (!bytes) throw new Error(`cannot encode ${JSON.stringify(char)} in two-byte GB18030`);
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}

/** "0101" → "０１０１": what a Chinese input method in full-width mode types. */
export const fullWidth = (text: string): string =>
  [...text]
    .map((ch) => (ch === ' ' ? '\u3000' : ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch))
    .join('');

// Written out here rather than imported from src, so a wrong check digit in src cannot pass unnoticed.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 居民身份证号码 from region (6 digits), birth date (8) and sequence (3). */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/** The same number with a different check character: one mistyped digit. */
export function withWrongCheck(id: string): string {
  const last = id.slice(-1);
  return `${id.slice(0, 17)}${last === '0' ? '1' : '0'}`;
}
