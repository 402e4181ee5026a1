import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tooManyIssuesMessage } from '../src/imports/import-report.js';
import { buildingLimits, householdLimits } from '../src/shared/field-limits.js';
import { auditCount } from './support/audit.js';
import {
  badRowsCsv,
  HOUSEHOLD_HEADER,
  paddedWorkbook,
  sharedStringsWorkbook,
  UNIT_HEADER,
  wideWorkbook,
} from './support/bombs.js';
import {
  countRows,
  createBuilding,
  createProject,
  type ImportRefusal,
  type ImportReport,
  issueCells,
  upload,
} from './support/import-api.js';
import { buildXlsx, csvText, idNumber, XLSX_TYPE } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// The "Hostile files" report, one test per finding that hurt the server; each file is built here.
// Assertions are on answers, counts and limits, never on wall time, except /health at the end.
let t: TestApp;
let cookie: string;
let projectId: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.loginAs('supervisor');
  projectId = await createProject(t, cookie, 'HOST');
  await createBuilding(t, cookie, projectId, {
    zone: '安置B区',
    name: '7#楼',
    floorsAbove: 24,
    floorsBelow: 1,
    entrances: 2,
  });
});
afterAll(async () => t.close());

const MiB = 1024 * 1024;
const TOO_MANY = tooManyIssuesMessage(500);

interface TooLarge {
  code: string;
  message: string;
  field: string;
  details: { limit: string; max: number };
}

/** Refused as a whole before a row is read, and nothing written, audit included. */
async function expectRefused(
  file: Buffer,
  limit: string,
  options: { kind?: 'households' | 'units'; contentType?: string } = {},
): Promise<TooLarge> {
  const auditBefore = await auditCount(t.deps.db);
  for (const dryRun of [true, false]) {
    const res = await upload(t, cookie, projectId, options.kind ?? 'households', file, {
      dryRun,
      contentType: options.contentType ?? XLSX_TYPE,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
    expect(res.json<TooLarge>()).toMatchObject({ code: 'IMPORT_TOO_LARGE', field: 'file', details: { limit } });
    expect(res.json<TooLarge>().message).toMatch(/^导入未执行：.*\p{Script=Han}{4}/u);
  }
  expect(await countRows(t, 'households', projectId)).toBe(0);
  expect(await countRows(t, 'units', projectId)).toBe(0);
  expect(await auditCount(t.deps.db)).toBe(auditBefore);
  const res = await upload(t, cookie, projectId, options.kind ?? 'households', file, {
    dryRun: true,
    contentType: options.contentType ?? XLSX_TYPE,
  });
  return res.json<TooLarge>();
}

/** A dry run lists the first 500 problems and says there are more; the real import writes nothing. */
async function expectCappedReport(
  file: Buffer,
  kind: 'households' | 'units',
  dataRows: number,
  contentType = XLSX_TYPE,
): Promise<ImportRefusal> {
  const dry = await upload(t, cookie, projectId, kind, file, { dryRun: true, contentType });
  expect(dry.statusCode, dry.body.slice(0, 300)).toBe(200);
  const report = dry.json<ImportReport>();
  expect(report).toMatchObject({ ok: false, written: false, dataRows });
  expect(report.issues).toHaveLength(501);
  expect(report.issues.at(-1)).toEqual({ row: null, column: null, value: null, message: TOO_MANY });
  const real = await upload(t, cookie, projectId, kind, file, { dryRun: false, contentType });
  expect(real.statusCode).toBe(422);
  expect(await countRows(t, kind === 'units' ? 'units' : 'households', projectId)).toBe(0);
  return real.json<ImportRefusal>();
}

describe('finding 1: workbooks that unpack or widen beyond what they look', () => {
  it('a cell in column XFD makes no row 16,384 cells wide (households, 2,000 rows)', async () => {
    const refusal = await expectCappedReport(await wideWorkbook(HOUSEHOLD_HEADER, 2000), 'households', 2000);
    expect(refusal.code).toBe('IMPORT_INVALID');
    // Every one-cell row lacks a name, a relation and an ID number: all counted, 500 listed.
    expect(refusal.message).toBe('导入未执行：发现 6000 处问题，请修改后重新上传');
  });

  it('a cell in column XFD makes no row 16,384 cells wide (units)', async () => {
    await expectCappedReport(await wideWorkbook(UNIT_HEADER, 400), 'units', 400);
  });

  it('a sheet padded to 80 MiB (81 KB zipped) is refused on its declared size', async () => {
    const refusal = await expectRefused(await paddedWorkbook(80 * MiB), 'ANJU_IMPORT_MAX_ZIP_ENTRY_BYTES');
    expect(refusal.details.max).toBe(48 * MiB);
    expect(refusal.message).toContain('48 MB');
  });

  it('a sheet padded to 20 MiB, within the size limits, is refused on its compression ratio', async () => {
    expect((await expectRefused(await paddedWorkbook(20 * MiB), 'ANJU_IMPORT_MAX_ZIP_RATIO')).message).toContain(
      '压缩比',
    );
  });

  it('a padded sheet whose directory declares its unpadded size is caught while unpacking', async () => {
    await expectRefused(await paddedWorkbook(32 * MiB, { lie: true }), 'ZIP_DECLARED_SIZE');
  });

  it('shared strings: 800,000 distinct ones (packed 10:1) are counted against the cell limit', async () => {
    const refusal = await expectRefused(await sharedStringsWorkbook(800_000, true), 'ANJU_IMPORT_MAX_CELLS');
    expect(refusal.message).toContain('共享字符串');
  });

  it('shared strings: 2,000,000 × "a" (90 KB zipped) are refused on the compression ratio', async () => {
    await expectRefused(await sharedStringsWorkbook(2_000_000, false), 'ANJU_IMPORT_MAX_ZIP_RATIO');
  });
});

describe('finding 2: validation is linear and the report bounded', () => {
  it('40,000 bad CSV rows are all checked, 500 listed, and counted in the refusal', async () => {
    const refusal = await expectCappedReport(badRowsCsv(40_000), 'households', 40_000, 'text/csv');
    expect(refusal.message).toBe('导入未执行：发现 200000 处问题，请修改后重新上传');
    expect(refusal.details.report.issues.slice(0, 5).map((i) => i.column)).toEqual([
      '姓名',
      '身份证号',
      '联系电话',
      '被征收房屋面积',
      '应安置面积',
    ]);
  });

  it('a CSV of 1,000,000 rows (7.9 MB) stops at the row limit', async () => {
    const file = badRowsCsv(1_000_000, true);
    expect(file.length).toBeLessThan(8 * MiB);
    expect((await expectRefused(file, 'ANJU_IMPORT_MAX_ROWS', { contentType: 'text/csv' })).details.max).toBe(50_000);
  });
});

describe("finding 8: the API's own limits hold for imported values", () => {
  const id = (n: number) => idNumber('620105', '19650505', String(100 + n));
  const row = (
    code: string,
    name: string,
    n: number,
    extra: { agreementNo?: string; notes?: string; relation?: string } = {},
  ) => [
    code,
    name,
    extra.relation ?? '户主',
    id(n),
    '',
    '80',
    '90',
    extra.agreementNo ?? '',
    '',
    '',
    '',
    '',
    '',
    extra.notes ?? '',
  ];

  it('over-long names, codes, relations, agreement numbers and notes are reported by row and column', async () => {
    const file = await buildXlsx([
      HOUSEHOLD_HEADER,
      row('L-1', '王'.repeat(2000), 1),
      row('L'.repeat(householdLimits.code + 1), '李明', 2),
      row('L-3', '张三', 3, { relation: '户主'.repeat(householdLimits.relation) }),
      row('L-4', '赵四', 4, { agreementNo: 'X'.repeat(householdLimits.agreementNo + 1) }),
      row('L-5', '钱五', 5, { notes: '备'.repeat(householdLimits.notes + 1) }),
      row('L-6', '孙六', 6, {
        notes: '备'.repeat(householdLimits.notes),
        agreementNo: 'X'.repeat(householdLimits.agreementNo),
      }),
    ]);
    const dry = await upload(t, cookie, projectId, 'households', file, { dryRun: true });
    const report = dry.json<ImportReport>();
    expect(issueCells(report)).toEqual([
      [2, '姓名'],
      [3, '户号'],
      [4, '与户主关系'],
      [5, '补偿协议编号'],
      [6, '备注'],
    ]);
    expect(report.issues.map((i) => i.message)).toEqual([
      '姓名最多 32 个字符（此处 2000 个）',
      '户号最多 32 个字符（此处 33 个）',
      '与户主关系最多 16 个字符（此处 32 个）',
      '补偿协议编号最多 64 个字符（此处 65 个）',
      '备注最多 2000 个字符（此处 2001 个）',
    ]);
    // The echoed value is cut short: a report must not carry the cells it complains about.
    expect(Math.max(...report.issues.map((i) => i.value?.length ?? 0))).toBeLessThan(100);
    expect((await upload(t, cookie, projectId, 'households', file, { dryRun: false })).statusCode).toBe(422);
    expect(await countRows(t, 'households', projectId)).toBe(0);
  });

  it('a household of more members than the form allows is reported', async () => {
    const rows = Array.from({ length: householdLimits.members + 1 }, (_, i) =>
      row('M-1', `成员${i}`, 10 + i, { relation: i === 0 ? '户主' : '子' }),
    );
    const report = (
      await upload(t, cookie, projectId, 'households', await buildXlsx([HOUSEHOLD_HEADER, ...rows]), { dryRun: true })
    ).json<ImportReport>();
    expect(report.issues).toEqual([
      { row: 32, column: '户号', value: 'M-1', message: '户号“M-1”有 31 位家庭成员，超过每户 30 位的上限' },
    ]);
  });

  it('a 5 MB 备注 and a 100,000-character agreement number are more than any Excel cell holds', async () => {
    // Varied characters, as real notes are: repeated ones would be refused on the compression ratio first.
    const notes = Array.from({ length: 1_700_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join(
      '',
    );
    expect(Buffer.byteLength(notes)).toBeGreaterThan(5_000_000);
    await expectRefused(
      await buildXlsx([HOUSEHOLD_HEADER, row('C-1', '王芳', 40, { notes })]),
      'ANJU_IMPORT_MAX_CELL_CHARS',
    );
    const csv = Buffer.from(
      csvText([HOUSEHOLD_HEADER, row('C-2', '李明', 41, { agreementNo: 'X'.repeat(100_000) })]),
      'utf8',
    );
    await expectRefused(csv, 'ANJU_IMPORT_MAX_CELL_CHARS', { contentType: 'text/csv' });
  });

  it('a NUL in a CSV cell is reported, not stored (it is a 500 on PostgreSQL)', async () => {
    const csv = Buffer.from(
      csvText([HOUSEHOLD_HEADER, row('N-1', '王\u0000芳', 50), row('N-2', '李明', 51, { notes: 'a\u0000b' })]),
      'utf8',
    );
    const report = (
      await upload(t, cookie, projectId, 'households', csv, { dryRun: true, contentType: 'text/csv' })
    ).json<ImportReport>();
    expect(report.issues).toEqual([
      { row: 2, column: '姓名', value: null, message: '含有不可见的空字符（NUL），请删除后重新上传' },
      { row: 3, column: '备注', value: null, message: '含有不可见的空字符（NUL），请删除后重新上传' },
    ]);
    const real = await upload(t, cookie, projectId, 'households', csv, { dryRun: false, contentType: 'text/csv' });
    expect(real.statusCode).toBe(422);
    expect(await countRows(t, 'households', projectId)).toBe(0);
  });

  it('flats: over-long 室号 and 户型 and a NUL are reported', async () => {
    const csv = Buffer.from(
      csvText([
        UNIT_HEADER,
        ['安置B区', '7#楼', '1', '3', '3'.repeat(buildingLimits.room + 1), '两室一厅', '89.5'],
        ['安置B区', '7#楼', '1', '4', '401', '厅'.repeat(buildingLimits.layout + 1), '89.5'],
        ['安置B区', '7#楼', '1', '5', '501', '两室\u0000一厅', '89.5'],
      ]),
      'utf8',
    );
    const report = (
      await upload(t, cookie, projectId, 'units', csv, { dryRun: true, contentType: 'text/csv' })
    ).json<ImportReport>();
    expect(report.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [2, '室号', '室号最多 16 个字符（此处 17 个）'],
      [3, '户型', '户型最多 32 个字符（此处 33 个）'],
      [4, '户型', '含有不可见的空字符（NUL），请删除后重新上传'],
    ]);
  });
});

describe('the service stays responsive', () => {
  it('/health answers in under 200 ms while bombs are being examined', async () => {
    const bombs = [
      await sharedStringsWorkbook(800_000, true),
      await paddedWorkbook(40 * MiB, { lie: true }),
      badRowsCsv(1_000_000, true),
    ];
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const latencies: number[] = [];
    // The first pass warms the code up and lets the garbage of building the bombs be collected;
    // the second is measured.
    for (const [i, bomb] of [...bombs, ...bombs].entries()) {
      const measured = i >= bombs.length;
      let done = false;
      const sent = fetch(`${base}/api/projects/${projectId}/imports/households?dryRun=true`, {
        method: 'POST',
        headers: { cookie, 'content-type': i % bombs.length === 2 ? 'text/csv' : XLSX_TYPE },
        body: bomb,
      }).then(async (res) => {
        done = true;
        return { status: res.status, body: (await res.json()) as TooLarge };
      });
      while (!done) {
        const started = performance.now();
        const health = await fetch(`${base}/health`);
        if (measured) latencies.push(performance.now() - started);
        expect(health.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await sent).status).toBe(413);
    }
    expect(latencies.length).toBeGreaterThan(3);
    console.log(
      `/health during bombs: ${latencies.length} answers, slowest ${latencies
        .sort((a, b) => a - b)
        .slice(-3)
        .map((l) => `${l.toFixed(0)} ms`)
        .join(', ')}`,
    );
    expect(Math.max(...latencies)).toBeLessThan(200);
  });
});
