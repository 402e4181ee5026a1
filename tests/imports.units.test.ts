import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  countRows,
  createBuilding,
  createProject,
  type ImportRefusal,
  type ImportReport,
  issueCells,
  upload,
} from './support/import-api.js';
import { buildXlsx, fullWidth, openXlsx, rowTexts, XLSX_TYPE } from './support/sheets.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.loginAs('supervisor');
});
afterAll(async () => t.close());

const HEADER = ['安置区', '楼栋', '单元', '楼层', '室号', '户型', '建筑面积'];
const SEVEN = { zone: '安置B区', name: '7#楼', floorsAbove: 24, floorsBelow: 1, entrances: 2 };

interface UnitView {
  label: string;
  zone: string;
  building: string;
  entrance: number;
  floor: number;
  room: string;
  layout: string;
  buildingArea: string;
  status: string;
}

async function listUnits(projectId: string): Promise<UnitView[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/units`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<UnitView[]>();
}

describe('flats from the housing list', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await createProject(t, cookie, 'FJWB');
    await createBuilding(t, cookie, projectId, SEVEN);
  });

  it('reports rows that do not fit the buildings, and a real import writes nothing', async () => {
    const file = await buildXlsx([
      ['范家湾安置B区房源表'],
      HEADER,
      ['安置B区', '9#楼', 1, 3, '301', '三室两厅', '120.5'],
      ['安置B区', '7#楼', 3, 5, '501', '两室一厅', '89.5'],
      ['安置B区', '7#楼', 2, 25, '2501', '两室一厅', '89.5'],
      ['安置B区', '7#楼', 1, -2, 'B201', '车库', '30'],
      ['安置B区', '7#楼', 1, 10, '1001', '两室一厅', '89.5'],
      ['安置B区', '7#楼', '1单元', '10层', '1001室', '两室一厅', '89.5'],
      ['安置B区', '7#楼', 1, 11, '1101', '两室一厅', '八十九'],
      ['安置A区', '7#楼', 1, 12, '1201', '两室一厅', '89.5'],
    ]);
    const dry = await upload(t, cookie, projectId, 'units', file, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ dryRun: true, ok: false, written: false, dataRows: 8, units: 1 });
    expect(issueCells(report)).toEqual([
      [3, '楼栋'],
      [4, '单元'],
      [5, '楼层'],
      [6, '楼层'],
      [8, '室号'],
      [9, '建筑面积'],
      [10, '楼栋'],
    ]);
    const at = (row: number) => report.issues.find((i) => i.row === row);
    expect(at(3)).toMatchObject({ value: '9#楼', message: '本项目没有楼栋“安置B区9#楼”，请先建立楼栋' });
    expect(at(4)).toMatchObject({ value: '3', message: '7#楼没有第 3 单元' });
    expect(at(5)).toMatchObject({ value: '25', message: '7#楼只有地上 24 层、地下 1 层' });
    expect(at(6)).toMatchObject({ value: '-2', message: '7#楼只有地上 24 层、地下 1 层' });
    expect(at(8)).toMatchObject({ value: '1001室', message: '与第 7 行是同一套房' });
    expect(at(9)?.message).toMatch(/不是有效数字/);
    expect(at(10)?.message).toMatch(/没有楼栋“安置A区7#楼”/);

    const real = await upload(t, cookie, projectId, 'units', file, { dryRun: false });
    expect(real.statusCode).toBe(422);
    expect(real.json<ImportRefusal>()).toMatchObject({
      code: 'IMPORT_INVALID',
      details: { report: { ...report, dryRun: false } },
    });
    expect(await countRows(t, 'units', projectId)).toBe(0);
  });

  // No 安置区 column: optional while building names are unique in the project.
  const goodRows = [
    ['楼栋', '单元', '楼层', '室号', '户型', '建筑面积（㎡）'],
    ['7#楼', '1', '地下1层', 'B101', '储藏室', '12.6'],
    ['7#楼', '1', '-1', 'B102', '储藏室', '12.60'],
    ['7#楼', '二单元', '15', `${fullWidth('1502')}室`, '两室一厅', fullWidth('89.5')],
    ['7#楼', '2单元', '24层', '2401', '三室两厅', 120.37],
  ];

  it('imports a good list, basement floors included, with an audit row per flat', async () => {
    const file = await buildXlsx(goodRows);
    const res = await upload(t, cookie, projectId, 'units', file, { dryRun: false });
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportReport>()).toEqual({
      dryRun: false,
      ok: true,
      written: true,
      dataRows: 4,
      units: 4,
      issues: [],
    });
    const units = await listUnits(projectId);
    expect(units.map((u) => [u.label, u.entrance, u.floor, u.room, u.layout, u.buildingArea, u.status])).toEqual([
      ['7#楼1单元B101室', 1, -1, 'B101', '储藏室', '12.60', 'available'],
      ['7#楼1单元B102室', 1, -1, 'B102', '储藏室', '12.60', 'available'],
      ['7#楼2单元1502室', 2, 15, '1502', '两室一厅', '89.50', 'available'],
      ['7#楼2单元2401室', 2, 24, '2401', '三室两厅', '120.37', 'available'],
    ]);
    const actions = (await auditActions(t, projectId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'unit.create')).toHaveLength(4);
    expect(actions.filter((a) => a === 'import.units')).toHaveLength(1);
  });

  it('refuses to import the same flats again', async () => {
    const res = await upload(t, cookie, projectId, 'units', await buildXlsx(goodRows), { dryRun: false });
    expect(res.statusCode).toBe(422);
    const { report } = res.json<ImportRefusal>().details;
    expect(report.issues.map((i) => [i.row, i.column, i.message])).toEqual(
      [2, 3, 4, 5].map((row) => [row, '室号', '该房源已导入过']),
    );
    expect(await countRows(t, 'units', projectId)).toBe(4);
  });

  it('asks for the zone when two zones have a building of the same name', async () => {
    await createBuilding(t, cookie, projectId, { ...SEVEN, zone: '安置A区', entrances: 1 });
    const res = await upload(
      t,
      cookie,
      projectId,
      'units',
      await buildXlsx([goodRows[0] ?? [], ['7#楼', '1', '3', '301', '两室一厅', '89.5']]),
      { dryRun: true },
    );
    expect(res.json<ImportReport>().issues).toEqual([
      { row: 2, column: '安置区', value: null, message: '多个安置区都有“7#楼”，请填写安置区' },
    ]);
  });

  it('exports flats that import unchanged into another project with the same buildings', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/exports/units.xlsx`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = await openXlsx(res.rawPayload);
    expect(rowTexts(sheet, 1)).toEqual(HEADER);
    expect(rowTexts(sheet, 2)).toEqual(['安置B区', '7#楼', '1', '-1', 'B101', '储藏室', '12.60']);

    const copy = await createProject(t, cookie, 'FJWC');
    await createBuilding(t, cookie, copy, SEVEN);
    const imported = await upload(t, cookie, copy, 'units', res.rawPayload, { dryRun: false });
    expect(imported.json<ImportReport>()).toMatchObject({ ok: true, written: true, units: 4 });
    const strip = (u: UnitView) => ({ ...u, id: undefined, buildingId: undefined });
    expect((await listUnits(copy)).map(strip)).toEqual((await listUnits(projectId)).map(strip));
  });

  it('matches a building named with full-width characters, as a Chinese input method types it', async () => {
    const id = await createProject(t, cookie, 'FJWD');
    await createBuilding(t, cookie, id, { ...SEVEN, zone: '安置Ｃ区', name: '8＃楼' });
    const file = await buildXlsx([HEADER, ['安置Ｃ区', '8＃楼', '1', '3', '301', '两室一厅', '89.5']]);
    const res = await upload(t, cookie, id, 'units', file, { dryRun: false });
    expect(res.json<ImportReport>()).toMatchObject({ ok: true, written: true, units: 1, issues: [] });
    expect((await listUnits(id)).map((u) => u.label)).toEqual(['8＃楼1单元301室']);
  });
});
