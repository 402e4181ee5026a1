import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number staff see in Excel (1-based), or the CSV line's record number. */
  rowNumber: number;
  cells: CellValue[];
}

export type SheetFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function detectFormat(buffer: Buffer, contentType: string | undefined): SheetFormat {
  if (ZIP_MAGIC.every((byte, i) => buffer[i] === byte)) return 'xlsx';
  if (contentType?.includes('spreadsheetml')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件不是有效的 .xlsx 表格（如为 .xls 旧格式，请在 Excel/WPS 中另存为 .xlsx）', { field: 'file' });
  }
  if (buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持 .xls 旧格式，请在 Excel/WPS 中另存为 .xlsx 或 .csv', { field: 'file' });
  }
  return 'csv';
}

/** Excel and WPS on Chinese Windows save CSV in GB18030 (GBK); elsewhere it is UTF-8. */
function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function readCsv(buffer: Buffer): SheetRow[] {
  let records: string[][];
  try {
    records = parse(decodeCsv(buffer), { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (err) {
    const line = typeof err === 'object' && err !== null && 'lines' in err ? String(err.lines) : '?';
    throw new AppError('BAD_REQUEST', `CSV 文件格式有误（约第 ${line} 行，引号不配对）`, { field: 'file' });
  }
  return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取该 .xlsx 文件，文件可能已损坏', { field: 'file' });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  // exceljs recounts every row on each read of columnCount: read it once, or parsing turns quadratic.
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    // Merged cells report the master cell's value, so a header merged across rows reads on each.
    for (let col = 1; col <= width; col++) cells.push(plainValue(row.getCell(col).value));
    rows.push({ rowNumber, cells });
  });
  return rows;
}

export async function readSheet(buffer: Buffer, format: SheetFormat): Promise<SheetRow[]> {
  if (buffer.length === 0) throw new AppError('BAD_REQUEST', '上传的文件是空的', { field: 'file' });
  return format === 'xlsx' ? readXlsx(buffer) : readCsv(buffer);
}
