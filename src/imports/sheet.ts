import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import { CsvError, csvRecords } from './csv-records.js';
import { type ImportLimits, tooLarge } from './import-limits.js';
import { type CellValue, type ColumnPicker, HEADER_SCAN_ROWS, type SheetRow } from './sheet-row.js';
import { checkWorkbookZip } from './zip-guard.js';

export type SheetFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function detectFormat(buffer: Buffer, contentType: string | undefined): SheetFormat {
  if (ZIP_MAGIC.every((byte, i) => buffer[i] === byte)) return 'xlsx';
  if (contentType?.includes('spreadsheetml')) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '文件不是有效的 .xlsx 表格（如为 .xls 旧格式，请在 Excel/WPS 中另存为 .xlsx）',
      { field: 'file' },
    );
  }
  if (buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持 .xls 旧格式，请在 Excel/WPS 中另存为 .xlsx 或 .csv', {
      field: 'file',
    });
  }
  return 'csv';
}

const cellCharsRefusal = (limits: ImportLimits) =>
  tooLarge(
    'ANJU_IMPORT_MAX_CELL_CHARS',
    limits.maxCellChars,
    `有单元格超过 ${limits.maxCellChars} 个字符的上限（Excel 单元格本身最多 32767 个字符）`,
  );

/**
 * Keeps only the cells the import will read. A sheet may claim 16,384 columns (one cell in XFD);
 * reading every column of every row once took 4 GB. The rows where the header may be keep their
 * first maxColumns cells; after them a row keeps only the columns the header matched.
 */
class Projection {
  private readonly head: SheetRow[] = [];
  private wanted: number[] | null = null;
  private width = 0;

  constructor(
    private readonly limits: ImportLimits,
    private readonly pick: ColumnPicker,
  ) {}

  take(rowNumber: number, cellAt: (index: number) => CellValue, presentWidth: number): SheetRow {
    if (this.head.length < HEADER_SCAN_ROWS) {
      const width = Math.min(presentWidth, this.limits.maxColumns);
      const row = { rowNumber, cells: Array.from({ length: width }, (_, i) => this.checked(cellAt(i))) };
      this.head.push(row);
      return row;
    }
    if (this.wanted === null) {
      this.wanted = this.pick(this.head);
      this.width = this.wanted.reduce((w, i) => Math.max(w, i + 1), 0);
    }
    const cells = new Array<CellValue>(this.width).fill(null);
    for (const i of this.wanted) cells[i] = this.checked(cellAt(i));
    return { rowNumber, cells };
  }

  private checked(value: CellValue): CellValue {
    if (typeof value === 'string' && value.length > this.limits.maxCellChars) throw cellCharsRefusal(this.limits);
    return value;
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const DECODE_SLICE = 512 * 1024;

/** Decoded a slice at a time with turns between, as a 20 MB file takes tens of milliseconds. */
async function decodeWith(decoder: TextDecoder, buffer: Buffer): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < buffer.length; at += DECODE_SLICE) {
    parts.push(decoder.decode(buffer.subarray(at, at + DECODE_SLICE), { stream: true }));
    await nextTurn();
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Excel and WPS on Chinese Windows save CSV in GB18030 (GBK); elsewhere it is UTF-8. */
async function decodeCsv(buffer: Buffer): Promise<string> {
  try {
    return await decodeWith(new TextDecoder('utf-8', { fatal: true }), buffer);
  } catch {
    return decodeWith(new TextDecoder('gb18030'), buffer);
  }
}

/** Records between turns given to the event loop: a few milliseconds of work. */
const CSV_TURN = 250;

/** Read record by record with turns for the event loop, stopping at the row limit. */
async function readCsv(buffer: Buffer, limits: ImportLimits, pick: ColumnPicker): Promise<SheetRow[]> {
  const projection = new Projection(limits, pick);
  const rows: SheetRow[] = [];
  try {
    for (const record of csvRecords(await decodeCsv(buffer), limits.maxCellChars)) {
      if (rows.length >= limits.maxRows)
        throw tooLarge('ANJU_IMPORT_MAX_ROWS', limits.maxRows, `表格超过 ${limits.maxRows} 行的上限`);
      rows.push(projection.take(rows.length + 1, (i) => record[i] ?? null, record.length));
      if (rows.length % CSV_TURN === 0) await nextTurn();
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    if (err.kind === 'cellTooLong') throw cellCharsRefusal(limits);
    throw new AppError('BAD_REQUEST', `CSV 文件格式有误（约第 ${err.line} 行，引号不配对）`, { field: 'file' });
  }
  return rows;
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

async function readXlsx(buffer: Buffer, limits: ImportLimits, pick: ColumnPicker): Promise<SheetRow[]> {
  await checkWorkbookZip(buffer, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取该 .xlsx 文件，文件可能已损坏', { field: 'file' });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return [];
  const projection = new Projection(limits, pick);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // findCell, unlike getCell, creates nothing. Merged cells report the master cell's value,
    // so a header merged across rows reads on each.
    rows.push(projection.take(rowNumber, (i) => plainValue(row.findCell(i + 1)?.value ?? null), row.cellCount));
  });
  return rows;
}

export async function readSheet(
  buffer: Buffer,
  format: SheetFormat,
  limits: ImportLimits,
  pick: ColumnPicker,
): Promise<SheetRow[]> {
  if (buffer.length === 0) throw new AppError('BAD_REQUEST', '上传的文件是空的', { field: 'file' });
  return format === 'xlsx' ? readXlsx(buffer, limits, pick) : readCsv(buffer, limits, pick);
}
