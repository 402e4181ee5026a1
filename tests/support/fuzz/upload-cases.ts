import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { badRowsCsv, HOUSEHOLD_HEADER, paddedWorkbook, sharedStringsWorkbook, wideWorkbook } from '../bombs.js';
import { buildXlsx, csvText, encodeGb18030, XLSX_TYPE } from '../sheets.js';
import type { FuzzCase, Identity } from './route-cases.js';
import { badAreas, badIdNumbers, oddTexts, pathTricks } from './values.js';

/** Files built once per run: a real export and hand-made broken workbooks, to cut and flip. */
export interface UploadMaterial {
  /** The real household and unit exports of the seeded project: valid workbooks to break. */
  exports: Buffer[];
  /** Bytes the service limits uploads to in the fuzz app. */
  limit: number;
}

const householdHeader = ['户号', '户主姓名', '身份证号', '与户主关系', '联系电话', '被征收面积', '应安置面积'];

async function workbookWith(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook stripped of its sheets: the zip and the workbook part are there, the sheets are not. */
function withoutSheets(xlsx: Buffer): Buffer {
  const entries = unzipSync(new Uint8Array(xlsx));
  for (const name of Object.keys(entries)) if (name.startsWith('xl/worksheets/')) delete entries[name];
  return Buffer.from(zipSync(entries));
}

/** Workbooks that are zips and open, with something wrong inside. */
export async function oddWorkbooks(): Promise<Buffer[]> {
  const badRows = [
    householdHeader,
    ...badIdNumbers.map((id, i) => [
      `Z-${i}`,
      oddTexts[i % oddTexts.length] ?? '',
      id,
      '户主',
      '1380000',
      badAreas[i % badAreas.length] ?? '',
      '-5',
    ]),
  ];
  return [
    await buildXlsx(badRows.map((r) => r.map((cell) => cell.replaceAll('\u0000', '')))),
    await buildXlsx([
      householdHeader,
      ['Z-1', '中'.repeat(200_000), '11010519491231002X', '户主', '13800000000', '89.50', '90.00'],
    ]),
    await workbookWith((sheet) => {
      sheet.addRow(householdHeader);
      sheet.addRow([
        { formula: 'SUM(1,2)', result: 3 },
        { formula: 'HYPERLINK("http://x","y")' },
        "=cmd|' /C calc'!A0",
        '户主',
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'NOW()' },
        89.5,
      ]);
    }),
    await workbookWith((sheet) => {
      sheet.addRow(householdHeader);
      sheet.addRow(['Z-2', '王芳', 11010519491231000, '户主', 13800000000, 1e308, -0]);
      sheet.addRow([new Date(Number.NaN), true, null, '户主', '', '89.50', '89.50']);
    }),
    await workbookWith(() => undefined),
    withoutSheets(await buildXlsx([householdHeader])),
    Buffer.from(
      zipSync({
        'hello.txt': strToU8('not a workbook'),
        '../../etc/passwd': strToU8('x'),
        'C:\\evil.xml': strToU8('<a/>'),
      }),
    ),
    Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<<<not xml') })),
  ];
}

/**
 * The "Hostile files" family, each under the fuzz app's 64 KB body limit: once they froze the
 * service or exhausted its memory; now each is refused or reported within the import limits.
 */
export async function hostileWorkbooks(): Promise<Buffer[]> {
  return [
    await wideWorkbook(HOUSEHOLD_HEADER, 2000),
    await paddedWorkbook(50 * 1024 * 1024),
    await paddedWorkbook(16 * 1024 * 1024, { lie: true }),
    await sharedStringsWorkbook(1_000_000, false),
    badRowsCsv(7_000, true),
  ];
}

/** CSV files: valid and broken encodings, odd separators, BOMs, NUL bytes. */
export function oddCsvFiles(): Buffer[] {
  const text = csvText([
    householdHeader,
    ['Z-3', '王芳', '11010519491231002X', '户主', '13800000000', '89.50', '90.00'],
  ]);
  return [
    Buffer.from(text, 'utf8'),
    encodeGb18030(text),
    Buffer.concat([encodeGb18030(text), Buffer.from([0x81, 0x30, 0xff, 0xfe, 0x80])]),
    Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xfd, 0x0a, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
    Buffer.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]),
    Buffer.from(`${text}\u0000\u0000`, 'utf8'),
    Buffer.from('"unclosed,quote\r\n1,2,3', 'utf8'),
    Buffer.from(`${householdHeader.join('\t')}\n${'a,'.repeat(20_000)}`, 'utf8'),
    Buffer.alloc(0),
  ];
}

/** Scans that are not what they say: a PDF head with no body, a JPEG with no end, a PNG with a bad CRC. */
export function oddScans(): Buffer[] {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2,
    0, 0, 0, 1, 2, 3, 4,
  ]);
  return [
    Buffer.from('%PDF-1.7\n%%EOF'),
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    png,
    Buffer.from('<html><script>alert(1)</script></html>'),
    Buffer.alloc(0),
  ];
}

const contentTypes = [
  XLSX_TYPE,
  'text/csv',
  'application/octet-stream',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=----x',
  `${XLSX_TYPE}; charset=gb18030`,
  'text/csv; charset=utf-16',
];

/** Bytes of a real file with damage: cut short, bits flipped, or bytes of a different file grafted in. */
function damaged(base: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, base.length - 1) }).map((end) => base.subarray(0, end)),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips) => {
      const copy = Buffer.from(base);
      for (const [at, byte] of flips) copy[at % copy.length] = byte;
      return copy;
    }),
  );
}

/** Upload bodies for one route: any of the odd files under any content type, sometimes over the limit. */
export function uploadCases(
  method: FuzzCase['method'],
  urls: fc.Arbitrary<string>,
  files: Buffer[],
  material: UploadMaterial,
): fc.Arbitrary<FuzzCase> {
  const bodies = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...files) },
    { weight: 3, arbitrary: fc.constantFrom(...material.exports).chain(damaged) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: material.limit }).map((extra) => Buffer.alloc(material.limit + extra, 0x41)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...material.exports) },
  );
  const trick = fc.constantFrom(...pathTricks);
  const extraHeaders = fc.oneof(
    fc.constant<Record<string, string>>({}),
    trick.map((name) => ({ 'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '?')}"` })),
    trick.map((name) => ({ 'x-file-name': name.replace(/[^\x20-\x7e]/g, '?') })),
  );
  const identity = fc.constantFrom<Identity>('admin', 'admin', 'admin', 'admin', 'anonymous', 'wrongRole');
  const query = fc.constantFrom(
    '',
    '?dryRun=true',
    '?dryRun=1',
    '?dryRun=false',
    '?dryRun=maybe',
    '?dryRun=true&dryRun=false',
  );
  return fc
    .record({
      url: urls,
      query,
      body: bodies,
      type: fc.constantFrom(...contentTypes),
      extra: extraHeaders,
      lie: fc.constantFrom(0, 0, 0, -1, 1, 1000),
      identity,
    })
    .map(({ url, query, body, type, extra, lie, identity }) => {
      const headers: Record<string, string> = { ...extra, 'content-type': type };
      // A declared length that lies: shorter or longer than the bytes that follow.
      if (lie !== 0 && body.length > 0) headers['content-length'] = String(Math.max(0, body.length + lie));
      return { method, url: `${url}${query}`, identity, headers, payload: body };
    });
}
