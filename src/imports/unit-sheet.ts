import type { UnitDraft } from '../db/schema.js';
import { buildingLimits } from '../shared/field-limits.js';
import { normalizeCode, normalizeText } from '../shared/text.js';
import { CellProblem, readArea, readText } from './cells.js';
import type { ColumnSpec } from './header.js';
import { parseSheet, type RowCheck, type SheetResult, UniqueKeys } from './sheet-parse.js';
import type { SheetRow } from './sheet-row.js';
import type { SheetOptions } from './sheet-rules.js';

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

export interface KnownUnitData {
  buildings: KnownBuilding[];
  /** "entranceId/room" of the flats already imported */
  roomKeys: Set<string>;
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

/** The longest text each column may hold, as the building form and the stored flat allow. */
const maxChars: Partial<Record<Field, number>> = {
  zone: buildingLimits.zone,
  building: buildingLimits.name,
  room: buildingLimits.room,
  layout: buildingLimits.layout,
};

/** Pure: sheet rows and the project's buildings in, new flats and every problem out. */
export function parseUnitSheet(rows: SheetRow[], known: KnownUnitData, options: SheetOptions): SheetResult<UnitDraft> {
  const { buildings } = known;
  const rooms = new UniqueKeys(known.roomKeys, {
    repeated: (firstRow) => `与第 ${firstRow} 行是同一套房`,
    known: '该房源已导入过',
  });
  return parseSheet(
    rows,
    { columns: unitColumns, readRow: (row) => readUnitRow(row, buildings, rooms), combine: (units) => units },
    options,
  );
}

/** One flat's row; null when any of its cells has a problem (reported) or the flat is listed twice. */
function readUnitRow(row: RowCheck<Field>, buildings: KnownBuilding[], rooms: UniqueKeys): UnitDraft | null {
  // A text over its limit is reported once and read as empty; "cannot be empty" then stays quiet.
  const text = (field: Field) =>
    row.capped(field, readText(row.cell(field)), maxChars[field] ?? Number.POSITIVE_INFINITY);

  const zone = text('zone');
  const buildingText = text('building');
  const buildingName = buildingText === null ? null : normalizeCode(buildingText);
  let building: KnownBuilding | undefined;
  if (buildingName === null) row.required('building', null, '楼栋不能为空');
  else {
    // Stored names are as typed ("8＃楼"): normalise both sides, not only the sheet's.
    const candidates = buildings.filter(
      (b) => normalizeCode(b.name) === buildingName && (zone === null || normalizeText(b.zone) === normalizeText(zone)),
    );
    if (candidates.length === 0) row.fail('building', `本项目没有楼栋“${zone ?? ''}${buildingName}”，请先建立楼栋`);
    else if (candidates.length > 1) row.fail('zone', `多个安置区都有“${buildingName}”，请填写安置区`);
    else building = candidates[0];
  }
  const entranceText = text('entrance');
  const entrance = entranceText === null ? null : entranceNumber(normalizeCode(entranceText));
  const entranceId = building && entrance !== null ? building.entrances.get(entrance) : undefined;
  if (entranceText === null) row.required('entrance', null, '单元不能为空');
  else if (entrance === null) row.fail('entrance', '单元应为数字，如 2 或 2单元');
  else if (building && !entranceId) row.fail('entrance', `${building.name}没有第 ${entrance} 单元`);

  const floorText = text('floor');
  const floor = floorText === null ? null : floorNumber(normalizeCode(floorText));
  if (floorText === null) row.required('floor', null, '楼层不能为空');
  else if (floor === null) row.fail('floor', '楼层应为整数，地下层写 -1');
  else if (building && (floor > building.floorsAbove || -floor > building.floorsBelow)) {
    row.fail('floor', `${building.name}只有地上 ${building.floorsAbove} 层、地下 ${building.floorsBelow} 层`);
  }
  const roomText = text('room');
  const room = row.required(
    'room',
    roomText === null ? null : normalizeCode(roomText).replace(/室$/, ''),
    '室号不能为空',
  );
  const layout = row.required('layout', text('layout'), '户型不能为空');
  const area = readArea(row.cell('area'));
  if (area === null) row.required('area', null, '建筑面积不能为空');
  else if (area instanceof CellProblem) row.fail('area', area.message);
  else if (area === 0) row.fail('area', '建筑面积须大于 0');

  if (
    row.failed ||
    !building ||
    !entranceId ||
    floor === null ||
    room === null ||
    layout === null ||
    typeof area !== 'number'
  )
    return null;
  const refusal = rooms.claim(`${entranceId}/${room}`, row.rowNumber);
  if (refusal) {
    row.fail('room', refusal);
    return null;
  }
  return { buildingId: building.id, entranceId, floor, room, layout, buildingAreaCenti: area };
}
