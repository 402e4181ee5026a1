import type { NewUnit } from '../db/schema.js';
import { buildingLimits } from '../shared/field-limits.js';
import { normalizeCode, normalizeText } from '../shared/text.js';
import { CellProblem, cellText, readArea, readText } from './cells.js';
import { type ColumnSpec, findHeader, isBlankRow } from './header.js';
import { type ImportIssue, IssueList } from './import-report.js';
import type { SheetRow } from './sheet-row.js';
import { nulCheckedCells, overLimit, type SheetOptions } from './sheet-rules.js';

type Field = 'zone' | 'building' | 'entrance' | 'floor' | 'room' | 'layout' | 'area';

export const unitColumns: ColumnSpec<Field>[] = [
  { field: 'zone', label: '安置区', required: false, aliases: ['安置区', '小区', '安置小区'] },
  { field: 'building', label: '楼栋', required: true, aliases: ['楼栋', '楼号', '栋号', '楼栋号'] },
  { field: 'entrance', label: '单元', required: true, aliases: ['单元', '单元号'] },
  { field: 'floor', label: '楼层', required: true, aliases: ['楼层', '层', '所在楼层'] },
  { field: 'room', label: '室号', required: true, aliases: ['室号', '房号', '房间号', '门牌号'] },
  { field: 'layout', label: '户型', required: true, aliases: ['户型', '房型'] },
  { field: 'area', label: '建筑面积', required: true, aliases: ['建筑面积', '面积', '房屋建筑面积'] },
];

export interface KnownBuilding {
  id: string;
  zone: string;
  name: string;
  floorsAbove: number;
  floorsBelow: number;
  /** entrance number → entrance id */
  entrances: Map<number, string>;
}

export interface UnitSheetResult {
  units: Omit<NewUnit, 'id' | 'projectId' | 'createdAt' | 'updatedAt'>[];
  dataRows: number;
  issues: ImportIssue[];
  /** Every problem found; `issues` lists at most the configured number. */
  issueCount: number;
}

const CHINESE_DIGITS = '零一二三四五六七八九十';

/** "2", "2单元", "二单元" → 2 */
function entranceNumber(text: string): number | null {
  const bare = text.replace(/单元$/, '');
  if (/^\d{1,2}$/.test(bare)) return Number(bare);
  const index = CHINESE_DIGITS.indexOf(bare);
  return bare.length === 1 && index > 0 ? index : null;
}

/** "15", "15层", "-1", "地下1层", "负一层" → floor number (negative below ground) */
function floorNumber(text: string): number | null {
  const below = /^(地下|负|-)/.test(text);
  const bare = text.replace(/^(地下|负|-)/, '').replace(/(层|楼|F)$/i, '');
  const n = /^\d{1,3}$/.test(bare)
    ? Number(bare)
    : CHINESE_DIGITS.indexOf(bare) > 0 && bare.length === 1
      ? CHINESE_DIGITS.indexOf(bare)
      : null;
  if (n === null || n === 0) return null;
  return below ? -n : n;
}

/** Pure: sheet rows and the project's buildings in, new flats and every problem out. */
const labelOf = (field: Field): string => unitColumns.find((c) => c.field === field)?.label ?? field;

/** The longest text each column may hold, as the building form and the stored flat allow. */
const maxChars: Partial<Record<Field, number>> = {
  zone: buildingLimits.zone,
  building: buildingLimits.name,
  room: buildingLimits.room,
  layout: buildingLimits.layout,
};

export function parseUnitSheet(
  rows: SheetRow[],
  buildings: KnownBuilding[],
  knownRooms: Set<string>,
  options: SheetOptions,
): UnitSheetResult {
  const issues = new IssueList(options.maxIssues);
  const header = findHeader(rows, unitColumns);
  if ('missing' in header) {
    issues.add(null, null, null, `找不到表头：缺少“${header.missing.join('”“')}”列`);
    return { units: [], dataRows: 0, issues: issues.items, issueCount: issues.total };
  }
  const units: UnitSheetResult['units'] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  for (const row of rows.slice(header.headerIndex + 1)) {
    if (isBlankRow(row)) continue;
    dataRows += 1;
    const before = issues.total;
    const cell = nulCheckedCells(row, header.columns, labelOf, issues);
    const fail = (field: Field, message: string) =>
      issues.add(row.rowNumber, labelOf(field), cellText(cell(field)), message);
    // A text over its limit is reported once and read as empty; "cannot be empty" then stays quiet.
    const raw = (field: Field) => {
      const value = cell(field);
      const over = overLimit(labelOf(field), readText(value), maxChars[field] ?? Number.POSITIVE_INFINITY);
      if (over && !issues.has(row.rowNumber, labelOf(field))) fail(field, over);
      return over ? null : value;
    };
    const text = (field: Field) => readText(raw(field));
    const empty = (field: Field, message: string) => {
      if (!issues.has(row.rowNumber, labelOf(field))) fail(field, message);
    };

    const zone = text('zone');
    const buildingName = text('building') === null ? null : normalizeCode(text('building') ?? '');
    let building: KnownBuilding | undefined;
    if (buildingName === null) empty('building', '楼栋不能为空');
    else {
      // Stored names are as typed ("8＃楼"): normalise both sides, not only the sheet's.
      const candidates = buildings.filter(
        (b) =>
          normalizeCode(b.name) === buildingName && (zone === null || normalizeText(b.zone) === normalizeText(zone)),
      );
      if (candidates.length === 0) fail('building', `本项目没有楼栋“${zone ?? ''}${buildingName}”，请先建立楼栋`);
      else if (candidates.length > 1) fail('zone', `多个安置区都有“${buildingName}”，请填写安置区`);
      else building = candidates[0];
    }
    const entranceText = text('entrance');
    const entrance = entranceText === null ? null : entranceNumber(normalizeCode(entranceText));
    const entranceId = building && entrance !== null ? building.entrances.get(entrance) : undefined;
    if (entranceText === null) empty('entrance', '单元不能为空');
    else if (entrance === null) fail('entrance', '单元应为数字，如 2 或 2单元');
    else if (building && !entranceId) fail('entrance', `${building.name}没有第 ${entrance} 单元`);

    const floorText = text('floor');
    const floor = floorText === null ? null : floorNumber(normalizeCode(floorText));
    if (floorText === null) empty('floor', '楼层不能为空');
    else if (floor === null) fail('floor', '楼层应为整数，地下层写 -1');
    else if (building && (floor > building.floorsAbove || -floor > building.floorsBelow)) {
      fail('floor', `${building.name}只有地上 ${building.floorsAbove} 层、地下 ${building.floorsBelow} 层`);
    }
    const room = text('room') === null ? null : normalizeCode(text('room') ?? '').replace(/室$/, '');
    if (room === null) empty('room', '室号不能为空');
    const layout = text('layout');
    if (layout === null) empty('layout', '户型不能为空');
    const area = readArea(raw('area'));
    if (area === null) empty('area', '建筑面积不能为空');
    else if (area instanceof CellProblem) fail('area', area.message);
    else if (area === 0) fail('area', '建筑面积须大于 0');

    if (
      issues.total > before ||
      !building ||
      !entranceId ||
      floor === null ||
      room === null ||
      layout === null ||
      typeof area !== 'number'
    )
      continue;
    const key = `${entranceId}/${room}`;
    const firstRow = seen.get(key);
    if (firstRow !== undefined) fail('room', `与第 ${firstRow} 行是同一套房`);
    else if (knownRooms.has(key)) fail('room', '该房源已导入过');
    else {
      seen.set(key, row.rowNumber);
      units.push({ buildingId: building.id, entranceId, floor, room, layout, buildingAreaCenti: area });
    }
  }
  return { units, dataRows, issues: issues.items, issueCount: issues.total };
}
