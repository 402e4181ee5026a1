import ExcelJS from 'exceljs';
import { strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { buildXlsx, csvText } from './sheets.js';

/**
 * Hostile workbooks from the "Hostile files" report, built small enough to send and large enough
 * to hurt a reader that trusts them. Shared by tests/imports.hostile.test.ts, the fuzz corpus and
 * the import bench.
 */

export const HOUSEHOLD_HEADER = [
  '户号',
  '姓名',
  '与户主关系',
  '身份证号',
  '联系电话',
  '被征收房屋面积',
  '应安置面积',
  '补偿协议编号',
  '协议签订时间',
  '过渡开始日期',
  '高龄',
  '残疾',
  '低保',
  '备注',
];
export const UNIT_HEADER = ['安置区', '楼栋', '单元', '楼层', '室号', '户型', '建筑面积'];
const SHEET = 'xl/worksheets/sheet1.xml';

/** A header, `rows` one-cell rows, and one cell in column XFD: the sheet then claims 16,384 columns. */
export async function wideWorkbook(header: string[], rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (let r = 0; r < rows; r++) sheet.getCell(r + 2, 1).value = `W-${r}`;
  sheet.getCell(rows + 2, 16_384).value = 'x';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Byte offset of each central-directory record, by entry name. */
function directoryRecords(zip: Buffer): Map<string, number> {
  let end = zip.length - 22;
  while (end > 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  const records = new Map<string, number>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    records.set(zip.toString('utf8', at + 46, at + 46 + nameLength), at);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return records;
}

/**
 * The entries of `base` with one of them replaced by `head`, then `padBytes` of `padByte`, then
 * `tail`, deflated as it streams so the padding is never held in memory.
 */
function rezip(base: Buffer, name: string, head: string, padBytes: number, tail: string, padByte = 0x20): Buffer {
  const entries = unzipSync(new Uint8Array(base));
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [entryName, data] of Object.entries(entries)) {
    const file = new ZipDeflate(entryName, { level: 9 });
    zip.add(file);
    if (entryName !== name) {
      file.push(data, true);
      continue;
    }
    file.push(strToU8(head));
    const block = new Uint8Array(1024 * 1024).fill(padByte);
    for (let left = padBytes; left > 0; left -= block.length)
      file.push(left >= block.length ? block : block.subarray(0, left));
    file.push(strToU8(tail), true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

export interface PaddedOptions {
  /** Declare the padded sheet at its unpadded size in the central directory, as a forger would. */
  lie?: boolean;
}

/** A valid one-household workbook whose sheet XML carries `padBytes` of spaces before its end. */
export async function paddedWorkbook(padBytes: number, options: PaddedOptions = {}): Promise<Buffer> {
  const base = await buildXlsx([HOUSEHOLD_HEADER, ['P-1', '王芳', '户主', '11010519491231002X', '', '89.50', '90.00']]);
  const xml = Buffer.from(unzipSync(new Uint8Array(base))[SHEET] ?? new Uint8Array()).toString('utf8');
  const cut = xml.lastIndexOf('</worksheet>');
  const zip = rezip(base, SHEET, xml.slice(0, cut), padBytes, xml.slice(cut));
  if (options.lie) {
    const record = directoryRecords(zip).get(SHEET);
    if (record === undefined) throw new Error('sheet entry missing');
    zip.writeUInt32LE(Buffer.byteLength(xml), record + 24);
  }
  return zip;
}

/**
 * A workbook whose shared-strings part lists `count` strings the sheet never uses. `distinct`
 * numbers them (it packs about 10:1, as real text does); otherwise every string is "a" and the
 * part packs hundreds to one.
 */
export async function sharedStringsWorkbook(count: number, distinct: boolean): Promise<Buffer> {
  const base = await buildXlsx([HOUSEHOLD_HEADER, ['S-1', '王芳', '户主', '11010519491231002X', '', '89.50', '90.00']]);
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`;
  const original = Buffer.from(unzipSync(new Uint8Array(base))['xl/sharedStrings.xml'] ?? new Uint8Array()).toString(
    'utf8',
  );
  // The sheet's own strings first, so it still reads; then the flood.
  const own = original.slice(original.indexOf('<si>'), original.lastIndexOf('</sst>'));
  const flood = distinct
    ? Array.from({ length: count }, (_, i) => `<si><t>${i}</t></si>`).join('')
    : '<si><t>a</t></si>'.repeat(count);
  return rezip(base, 'xl/sharedStrings.xml', `${head}${own}${flood}`, 0, '</sst>');
}

/**
 * `rows` household rows as a UTF-8 CSV: each wrong in five columns, or (`short`) a bare number,
 * which fits the report's 1,000,000 rows into 7.9 MB.
 */
export function badRowsCsv(rows: number, short = false): Buffer {
  if (short)
    return Buffer.from(
      `${HOUSEHOLD_HEADER.join(',')}\r\n${Array.from({ length: rows }, (_, i) => `${i}\r\n`).join('')}`,
      'utf8',
    );
  const lines = [
    HOUSEHOLD_HEADER,
    ...Array.from({ length: rows }, (_, i) => [`B-${i}`, '', '户主', '12345', 'phone?', '约80', '九十']),
  ];
  return Buffer.from(csvText(lines), 'utf8');
}
