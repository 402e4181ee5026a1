import { z } from 'zod';
import { formatCenti } from '../shared/area.js';
import { unitLabel } from './unit-label.js';

/** What a flat is and where: the same facts on the staff listings and the public sales board. */
export function unitFacts(u: {
  zoneName: string;
  buildingName: string;
  entranceNumber: number;
  floor: number;
  room: string;
  layout: string;
  buildingAreaCenti: number;
  status: string;
}) {
  return {
    label: unitLabel(u.buildingName, u.entranceNumber, u.room),
    zone: u.zoneName,
    building: u.buildingName,
    entrance: u.entranceNumber,
    floor: u.floor,
    room: u.room,
    layout: u.layout,
    buildingArea: formatCenti(u.buildingAreaCenti),
    status: u.status,
  };
}

export const unitFactsSchema = z.object({
  label: z.string(),
  zone: z.string(),
  building: z.string(),
  entrance: z.number(),
  floor: z.number(),
  room: z.string(),
  layout: z.string(),
  buildingArea: z.string().describe('建筑面积（㎡），两位小数字符串'),
  status: z.string().describe('available 可选 / reserved 保留 / allocated 已选'),
});
