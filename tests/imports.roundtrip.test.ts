import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from './support/audit.js';
import { HOUSEHOLD_HEADER } from './support/bombs.js';
import {
  countRows,
  createBuilding,
  createProject,
  type HouseholdView,
  type ImportReport,
  listHouseholds,
  upload,
} from './support/import-api.js';
import { buildXlsx, csvText, idNumber, openXlsx, rowTexts, utf8WithBom, XLSX_TYPE } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.loginAs('supervisor');
});
afterAll(async () => t.close());

const person = (n: number) => idNumber('620102', '19571009', String(600 + n));

const roster = () =>
  buildXlsx([
    HOUSEHOLD_HEADER,
    [
      'B-01',
      '王秀英',
      '户主',
      person(1),
      '13909316001',
      '96.4',
      '90',
      'FJW-BC-001',
      '2019-06-03 09:15:27',
      '2019-07-01',
      '是',
      '',
      '',
      '原址：范家湾村3组，临街',
    ],
    ['B-01', '李建国', '配偶', person(2), '13909316002'],
    ['B-01', '李明', '子', '11010519491231002x'],
    ['B-02', '赵桂兰', '户主', person(4), '', '58', '60', '', '', '', '', '是', '是', ''],
  ]);

const withoutIds = (h: HouseholdView) => ({ ...h, id: '', projectId: '', createdAt: '', updatedAt: '' });

describe('export and re-import', () => {
  it('exports a roster that opens in Excel and imports unchanged into a new project', async () => {
    const source = await createProject(t, cookie, 'SRC');
    const first = await upload(t, cookie, source, 'households', await roster(), { dryRun: false });
    expect(first.json<ImportReport>()).toMatchObject({ ok: true, households: 2, members: 4 });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${source}/exports/households.xlsx`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('安置户花名册')}.xlsx`);

    const sheet = await openXlsx(res.rawPayload);
    expect(rowTexts(sheet, 1)).toEqual(HOUSEHOLD_HEADER);
    expect(sheet.rowCount).toBe(5);
    expect(rowTexts(sheet, 2).slice(0, 11)).toEqual([
      'B-01',
      '王秀英',
      '户主',
      person(1),
      '13909316001',
      '96.40',
      '90.00',
      'FJW-BC-001',
      '2019-06-03 09:15:27',
      '2019-07-01',
      '是',
    ]);
    // A number cell would lose the last digits of an ID once Excel saves the file again.
    expect(sheet.getCell('D4').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('D4').text).toBe('11010519491231002X');

    const target = await createProject(t, cookie, 'DST');
    const dry = await upload(t, cookie, target, 'households', res.rawPayload, { dryRun: true });
    expect(dry.json<ImportReport>()).toEqual({
      dryRun: true,
      ok: true,
      written: false,
      dataRows: 4,
      households: 2,
      members: 4,
      issues: [],
      warnings: [],
    });
    const real = await upload(t, cookie, target, 'households', res.rawPayload, { dryRun: false });
    expect(real.statusCode).toBe(200);
    const original = await listHouseholds(t, cookie, source);
    expect(original[0]?.notes).toBe('原址：范家湾村3组，临街');
    expect((await listHouseholds(t, cookie, target)).map(withoutIds)).toEqual(original.map(withoutIds));
  });

  it('exports an empty roster as a header row only', async () => {
    const empty = await createProject(t, cookie, 'EMPTY');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${empty}/exports/households.xlsx`,
      headers: { cookie },
    });
    const sheet = await openXlsx(res.rawPayload);
    expect(sheet.rowCount).toBe(1);
    expect(rowTexts(sheet, 1)).toEqual(HOUSEHOLD_HEADER);
  });
});

describe('who may import', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await createProject(t, cookie, 'PERM');
    await createBuilding(t, cookie, projectId, {
      zone: '安置B区',
      name: '7#楼',
      floorsAbove: 24,
      floorsBelow: 1,
      entrances: 2,
    });
  });

  it('refuses a desk role with 403 and writes nothing', async () => {
    const reviewer = await t.loginAs('reviewer');
    const audit = await auditCount(t.deps.db);
    const households = await upload(t, reviewer, projectId, 'households', await roster(), { dryRun: false });
    expect(households.statusCode).toBe(403);
    expect(households.json()).toMatchObject({ code: 'FORBIDDEN' });
    const units = await buildXlsx([
      ['楼栋', '单元', '楼层', '室号', '户型', '建筑面积'],
      ['7#楼', '1', '3', '301', '两室一厅', '89.5'],
    ]);
    expect((await upload(t, reviewer, projectId, 'units', units, { dryRun: false })).statusCode).toBe(403);
    for (const kind of ['households', 'units']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/exports/${kind}.xlsx`,
        headers: { cookie: reviewer },
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await countRows(t, 'households', projectId)).toBe(0);
    expect(await countRows(t, 'units', projectId)).toBe(0);
    expect(await auditCount(t.deps.db)).toBe(audit);
  });

  it('refuses an upload without a session with 401', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/imports/households?dryRun=true`,
      headers: { 'content-type': 'text/csv' },
      payload: utf8WithBom(csvText([HOUSEHOLD_HEADER])),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('files that are not a usable sheet', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await createProject(t, cookie, 'FILE');
  });

  it('asks for .xlsx when an old .xls arrives', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const res = await upload(t, cookie, projectId, 'households', xls, {
      dryRun: true,
      contentType: 'application/octet-stream',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/\.xls 旧格式/),
    });
  });

  it('refuses a body labelled .xlsx that is not one', async () => {
    const res = await upload(t, cookie, projectId, 'households', Buffer.from('户号,姓名\n'), { dryRun: true });
    expect(res.statusCode).toBe(415);
  });

  it('refuses an empty upload with a Chinese message', async () => {
    const res = await upload(t, cookie, projectId, 'households', Buffer.alloc(0), {
      dryRun: true,
      contentType: 'text/csv',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message: '上传的文件是空的' });
  });

  it('names the missing columns when no header row can be found', async () => {
    const file = await buildXlsx([
      ['范家湾城中村改造项目安置户花名册'],
      ['户号', '姓名', '电话'],
      ['0301', '张三', '13900000000'],
    ]);
    const report = (await upload(t, cookie, projectId, 'households', file, { dryRun: true })).json<ImportReport>();
    expect(report).toMatchObject({ ok: false, dataRows: 0 });
    expect(report.issues).toEqual([
      {
        row: null,
        column: null,
        value: null,
        message: '找不到表头：缺少“与户主关系”“身份证号”“被征收房屋面积”“应安置面积”列',
      },
    ]);
  });

  it('refuses a real import of a sheet with a header and no rows', async () => {
    const res = await upload(t, cookie, projectId, 'households', await buildXlsx([HOUSEHOLD_HEADER]), {
      dryRun: false,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      details: { report: { written: false, issues: [{ message: '表中没有任何安置户数据' }] } },
    });
  });
});
