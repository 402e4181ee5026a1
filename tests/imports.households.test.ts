import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount } from './support/audit.js';
import { HOUSEHOLD_HEADER } from './support/bombs.js';
import {
  auditActions,
  countRows,
  createProject,
  type ImportRefusal,
  type ImportReport,
  issueCells,
  listHouseholds,
  upload,
} from './support/import-api.js';
import {
  buildXlsx,
  csvText,
  encodeGb18030,
  fullWidth,
  idNumber,
  type SheetCell,
  utf8WithBom,
  withWrongCheck,
} from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.loginAs('supervisor');
});
afterAll(async () => t.close());

const TITLE = '范家湾城中村改造项目安置户花名册';

/**
 * The roster as a project office keeps it: a merged title, then a two-level header whose
 * "面积（㎡）" group spans two columns. A–E are merged down over both header rows; H–K are not,
 * so their second header row is blank and must take its name from the row above.
 */
function messyRoster(data: SheetCell[][]): Promise<Buffer> {
  return buildXlsx(
    [
      [TITLE],
      [
        '＊户 号',
        '姓　名',
        '与户主关系',
        '身份证号\n码',
        ' 联系电话 ',
        '面积（㎡）',
        null,
        '协议签订时间',
        '过渡期起始日期',
        '是否高龄',
        '备注',
      ],
      [null, null, null, null, null, '被征收房屋面积（㎡）', '*应安置面积', null, null, null, null],
      ...data,
    ],
    { merges: ['A1:K1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:G2'] },
  );
}

const ids = {
  zhang: idNumber('620102', '19560304', '123'),
  wangFang: '11010519491231002x',
  liMing: idNumber('620103', '19700812', '051'),
  liXiaohong: idNumber('620103', '19990101', '062'),
};

describe('a roster kept by hand in Excel/WPS', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await createProject(t, cookie, 'FJW');
  });

  it('reads the messy layout and stores clean values', async () => {
    const file = await messyRoster([
      [
        fullWidth('0101'),
        '张建国',
        '户主',
        ids.zhang,
        '13909310001',
        fullWidth('89.5'),
        120,
        '2021-03-15 09:30:12',
        '2021-04-01',
        '是',
        '',
      ],
      ['0101', '王　芳', '妻', ids.wangFang],
      // WPS leaves rows holding only a space where a line was cleared.
      [' ', '', ''],
      [
        '0102',
        '李明',
        '本人',
        fullWidth(ids.liMing),
        '13809310002',
        65.3,
        '70',
        new Date(Date.UTC(2021, 2, 16, 14, 5, 0)),
        '2021/4/1',
        '否',
      ],
      ['0102', '李小红', '女', ids.liXiaohong],
    ]);
    const dry = await upload(t, cookie, projectId, 'households', file, { dryRun: true });
    expect(dry.statusCode).toBe(200);
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
    expect(await countRows(t, 'households', projectId)).toBe(0);

    const real = await upload(t, cookie, projectId, 'households', file, { dryRun: false });
    expect(real.statusCode).toBe(200);
    expect(real.json<ImportReport>()).toMatchObject({
      dryRun: false,
      ok: true,
      written: true,
      households: 2,
      members: 4,
    });

    const [first] = await listHouseholds(t, cookie, projectId, '王芳');
    expect(first).toMatchObject({
      code: '0101',
      headName: '张建国',
      demolishedArea: '89.50',
      entitledArea: '120.00',
      compensationSignedAt: '2021-03-15T01:30:12.000Z',
      transitionStartDate: '2021-04-01',
      flags: { elderly: true, disabled: false, lowIncome: false },
    });
    expect(first?.members).toEqual([
      { name: '张建国', idNumber: ids.zhang, relation: '户主', phone: '13909310001', isHead: true },
      { name: '王芳', idNumber: '11010519491231002X', relation: '妻', phone: null, isHead: false },
    ]);

    const [second] = await listHouseholds(t, cookie, projectId, ids.liMing);
    // A date cell holds the wall clock Excel showed; Shanghai is UTC+8.
    expect(second).toMatchObject({
      code: '0102',
      headName: '李明',
      demolishedArea: '65.30',
      compensationSignedAt: '2021-03-16T06:05:00.000Z',
      transitionStartDate: '2021-04-01',
    });
    expect(second?.flags.elderly).toBe(false);
    expect(second?.members.map((m) => m.idNumber)).toEqual([ids.liMing, ids.liXiaohong]);
  });

  it('reports every bad row with its Excel row, column and a Chinese reason, and a real import writes nothing', async () => {
    const dup = idNumber('620104', '19800202', '017');
    const good = (n: number) => idNumber('620105', '19650505', String(100 + n));
    const file = await messyRoster([
      ['0201', '张三', '户主', withWrongCheck(good(1)), '', '80', '90'],
      ['0202', '李四', '户主', Number('620102195603041234'), '', '80', '90'],
      [' '],
      [fullWidth('0101'), '赵五', '户主', good(2), '', '80', '90'],
      ['0203', '钱六', '户主', dup, '', '80', '90'],
      ['0203', '钱小六', '子', dup],
      ['0204', '孙七', '户主', good(3), '', '约80', '90'],
      ['0205', '周八', '配偶', good(4), '', '80', '90'],
      ['0206', '吴九', '户主', good(5), '', '80', '90', '2021-02-30 10:00:00'],
      ['0207', '郑十', '户主', good(6), '', '80', '90', '', '2021.13.01'],
      ['0208', '冯十一', '户主', good(7), '', '80', '90'],
      ['0209', '陈十二', '户主', good(8)],
    ]);
    const householdsBefore = await countRows(t, 'households', projectId);
    const membersBefore = await countRows(t, 'householdMembers', projectId);
    const auditBefore = await auditCount(t.deps.db);

    const dry = await upload(t, cookie, projectId, 'households', file, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ dryRun: true, ok: false, written: false, dataRows: 11 });
    expect(issueCells(report)).toEqual([
      [4, '身份证号'],
      [5, '身份证号'],
      [9, '身份证号'],
      [10, '被征收房屋面积'],
      [12, '协议签订时间'],
      [13, '过渡开始日期'],
      // Checks across a household's rows come after the row-by-row ones.
      [7, '户号'],
      [11, '与户主关系'],
      [15, '被征收房屋面积'],
      [15, '应安置面积'],
    ]);
    const at = (row: number) => report.issues.find((i) => i.row === row);
    expect(at(4)).toMatchObject({ value: withWrongCheck(good(1)), message: expect.stringMatching(/校验位/) });
    expect(at(5)?.message).toMatch(/存成了数字/);
    expect(at(7)).toMatchObject({ value: '0101', message: expect.stringMatching(/已存在/) });
    expect(at(9)).toMatchObject({ value: dup, message: '身份证号与第 8 行重复' });
    // Filled in but unreadable: one message saying so, not also "must be filled in".
    expect(at(10)).toMatchObject({ value: '约80', message: expect.stringMatching(/不是有效数字/) });
    expect(at(11)?.message).toMatch(/0205.*没有户主/);
    expect(at(12)).toMatchObject({ value: '2021-02-30 10:00:00', message: expect.stringMatching(/不存在/) });
    expect(at(13)).toMatchObject({ value: '2021.13.01', message: expect.stringMatching(/不存在/) });
    expect(at(15)?.message).toBe('户主行须填写被征收房屋面积');
    for (const issue of report.issues) expect(issue.message).toMatch(/\p{Script=Han}/u);

    const real = await upload(t, cookie, projectId, 'households', file, { dryRun: false });
    expect(real.statusCode).toBe(422);
    const refusal = real.json<ImportRefusal>();
    expect(refusal.code).toBe('IMPORT_INVALID');
    expect(refusal.message).toBe('导入未执行：发现 10 处问题，请修改后重新上传');
    expect(refusal.details.report).toEqual({ ...report, dryRun: false });

    expect(await countRows(t, 'households', projectId)).toBe(householdsBefore);
    expect(await countRows(t, 'householdMembers', projectId)).toBe(membersBefore);
    expect(await auditCount(t.deps.db)).toBe(auditBefore);
    expect(await listHouseholds(t, cookie, projectId, '0208')).toEqual([]);
  });
});

describe('a clean roster', () => {
  it('writes households and members with an audit row each and one summary row', async () => {
    const projectId = await createProject(t, cookie, 'QLH');
    const person = (n: number) => idNumber('620104', '19620718', String(200 + n));
    const file = await buildXlsx([
      HOUSEHOLD_HEADER,
      [
        'A-001',
        '马玉兰',
        '户主',
        person(1),
        '13919310001',
        '89.5',
        '100',
        'ZS-2021-0017',
        '2021-03-15 09:30:12',
        '2021-04-01',
        '是',
        '',
        '',
        '',
      ],
      ['A-001', '马小军', '子', person(2)],
      [
        'A-002',
        '杨国强',
        '户主',
        person(3),
        '13919310003',
        '120.25',
        '120.25',
        'ZS-2021-0018',
        '2021-03-15 10:02:00',
        '2021-04-01',
        '',
        '是',
        '是',
        '一层住户',
      ],
      ['A-002', '杨丽', '女', person(4)],
      ['A-002', '杨明', '子', person(5)],
      ['A-003', '丁秀英', '户主', person(6), '', '45', '60', '', '', '', '否', '否', '否', ''],
    ]);
    const auditBefore = await auditCount(t.deps.db);
    const res = await upload(t, cookie, projectId, 'households', file, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportReport>()).toEqual({
      dryRun: false,
      ok: true,
      written: true,
      dataRows: 6,
      households: 3,
      members: 6,
      issues: [],
      warnings: [],
    });
    expect(await countRows(t, 'households', projectId)).toBe(3);
    expect(await countRows(t, 'householdMembers', projectId)).toBe(6);

    const list = await listHouseholds(t, cookie, projectId);
    expect(list.map((h) => [h.code, h.headName, h.members.length, h.demolishedArea, h.entitledArea])).toEqual([
      ['A-001', '马玉兰', 2, '89.50', '100.00'],
      ['A-002', '杨国强', 3, '120.25', '120.25'],
      ['A-003', '丁秀英', 1, '45.00', '60.00'],
    ]);
    expect(list[0]).toMatchObject({
      phone: '13919310001',
      compensationAgreementNo: 'ZS-2021-0017',
      compensationSignedAt: '2021-03-15T01:30:12.000Z',
      flags: { elderly: true, disabled: false, lowIncome: false },
    });
    expect(list[1]).toMatchObject({
      compensationSignedAt: '2021-03-15T02:02:00.000Z',
      notes: '一层住户',
      flags: { elderly: false, disabled: true, lowIncome: true },
    });
    expect(list[2]).toMatchObject({
      phone: null,
      compensationSignedAt: null,
      transitionStartDate: null,
      flags: { elderly: false },
    });

    const audit = await auditActions(t, projectId);
    expect(await auditCount(t.deps.db)).toBe(auditBefore + 4);
    const created = audit.filter((a) => a.action === 'household.create').map((a) => a.entityId);
    expect(created.sort()).toEqual(list.map((h) => h.id).sort());
    const summary = audit.filter((a) => a.action === 'import.households');
    expect(summary).toHaveLength(1);
    expect(JSON.parse(summary[0]?.afterJson ?? '{}')).toEqual({
      fileSha256: createHash('sha256').update(file).digest('hex'),
      households: 3,
      members: 6,
      dataRows: 6,
    });
  });
});

describe('CSV saved by Excel', () => {
  const rows = (code: string, seq: number) => [
    ['户号', '姓名', '与户主关系', '身份证号', '被征收房屋面积', '应安置面积', '协议签订时间', '高龄', '备注'],
    [
      code,
      '郭建华',
      '户主',
      idNumber('620121', '19581120', String(seq)),
      '76.8',
      '80',
      '2021/3/15 9:30',
      '是',
      '原址：范家湾村, 3 组',
    ],
    [code, '郭蕊', '孙女', idNumber('620121', '20120606', String(seq + 1)), '', '', '', '', ''],
  ];

  it('imports UTF-8 with a byte-order mark', async () => {
    const projectId = await createProject(t, cookie, 'CSVU');
    const file = utf8WithBom(csvText(rows('C-001', 301)));
    const res = await upload(t, cookie, projectId, 'households', file, { dryRun: false, contentType: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({ ok: true, written: true, dataRows: 2, households: 1, members: 2 });
    const [h] = await listHouseholds(t, cookie, projectId);
    expect(h).toMatchObject({
      code: 'C-001',
      headName: '郭建华',
      demolishedArea: '76.80',
      compensationSignedAt: '2021-03-15T01:30:00.000Z',
      notes: '原址：范家湾村, 3 组',
    });
    expect(h?.members.map((m) => m.name)).toEqual(['郭建华', '郭蕊']);
  });

  it('imports GB18030 as Chinese Windows saves it', async () => {
    const projectId = await createProject(t, cookie, 'CSVG');
    expect(encodeGb18030('户号')).toEqual(Buffer.from([0xbb, 0xa7, 0xba, 0xc5]));
    const file = encodeGb18030(csvText(rows('C-002', 401)));
    // The file must really be not UTF-8, or the GB18030 branch would go untested.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const res = await upload(t, cookie, projectId, 'households', file, {
      dryRun: false,
      contentType: 'text/csv; charset=GB18030',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({ ok: true, written: true, households: 1, members: 2 });
    const [h] = await listHouseholds(t, cookie, projectId);
    expect(h).toMatchObject({
      code: 'C-002',
      headName: '郭建华',
      notes: '原址：范家湾村, 3 组',
      flags: { elderly: true },
    });
    expect(h?.members[1]).toMatchObject({
      name: '郭蕊',
      relation: '孙女',
      idNumber: idNumber('620121', '20120606', '402'),
    });
  });

  it('reports CSV rows by their line number', async () => {
    const projectId = await createProject(t, cookie, 'CSVE');
    const bad = rows('C-003', 501);
    bad[2] = ['C-003', '郭蕊', '孙女', '62012120120606', '', '', '', '', ''];
    const res = await upload(t, cookie, projectId, 'households', utf8WithBom(csvText(bad)), {
      dryRun: true,
      contentType: 'text/csv',
    });
    expect(res.json<ImportReport>().issues).toEqual([
      { row: 3, column: '身份证号', value: '62012120120606', message: '身份证号应为 18 位' },
    ]);
  });
});
