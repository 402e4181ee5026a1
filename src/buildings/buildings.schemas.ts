import { z } from 'zod';
import { buildingLimits } from '../shared/field-limits.js';
import { areaInput, areaOutput } from '../shared/schemas.js';
import { unitFactsSchema } from './unit-facts.js';
import { unitStatuses } from './unit-label.js';

// What the building and unit routes accept and answer.

export const buildingView = z.object({
  id: z.string(),
  zone: z.string(),
  name: z.string(),
  floorsAbove: z.number(),
  floorsBelow: z.number(),
  totalArea: areaOutput,
  entrances: z.number(),
  unitCount: z.number(),
  unitArea: areaOutput,
});

export const unitView = unitFactsSchema.extend({ id: z.string(), buildingId: z.string() });
export const buildingList = z.array(buildingView);
export const unitList = z.array(unitView);

export const newBuildingInput = z.object({
  zone: z.string().trim().min(1).max(buildingLimits.zone).describe('安置区，如 安置B区'),
  name: z.string().trim().min(1).max(buildingLimits.name).describe('楼栋，如 7#楼'),
  floorsAbove: z.number().int().min(1).max(120),
  floorsBelow: z.number().int().min(0).max(10),
  totalArea: areaInput,
  entrances: z.number().int().min(1).max(20).describe('单元数'),
});

export const unitQuery = z.object({
  buildingId: z.string().max(64).optional(),
  status: z.enum(unitStatuses).optional(),
});
