import { z } from 'zod';
import { checkpointSchema } from '../audit/checkpoint.js';
import { unitFactsSchema } from '../buildings/unit-facts.js';
import { isoDateInput } from '../shared/schemas.js';
import { orderMethods, roundRulesSchema } from './round-rules.js';

// What the allocation routes (allocation.routes.ts, public.routes.ts, public-units.routes.ts) accept and answer.

export const roundView = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  orderMethod: z.enum(orderMethods),
  status: z.string(),
  statusText: z.string(),
  rules: roundRulesSchema,
  listHash: z.string().nullable(),
  commitment: z.string().nullable(),
  secret: z.string().nullable(),
  publicValue: z.string().nullable(),
  seed: z.string().nullable(),
  committedAt: z.string().nullable(),
  orderedAt: z.string().nullable(),
  households: z.number(),
  units: z.number(),
});

export const membershipInput = z.object({
  households: z
    .array(
      z.object({ householdId: z.string().min(1).max(64), flatsAllowed: z.number().int().min(1).max(5).optional() }),
    )
    .min(1)
    .max(100_000)
    .optional()
    .describe('默认：本项目全部安置户'),
  unitIds: z.array(z.string().min(1).max(64)).min(1).max(100_000).optional().describe('默认：本项目全部空置房源'),
});

export const newRoundInput = membershipInput.extend({
  name: z.string().trim().min(1).max(50),
  orderMethod: z.enum(orderMethods),
  rules: roundRulesSchema,
});

const settlementLine = z.object({
  kind: z.string(),
  label: z.string(),
  fromCenti: z.number(),
  toCenti: z.number(),
  areaCenti: z.number(),
  priceFenPerM2: z.number(),
  amountFen: z.number(),
});

export const selectionResult = z.object({
  selectionId: z.string(),
  householdId: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  settlement: z.object({
    entitledCenti: z.number(),
    allocatedCenti: z.number(),
    differenceCenti: z.number(),
    lines: z.array(settlementLine),
    totalFen: z.number(),
  }),
  settlementText: z.string(),
  repeated: z.boolean(),
});

const queueEntry = z.object({
  householdId: z.string(),
  code: z.string(),
  headName: z.string(),
  position: z.number().nullable(),
  batch: z.number().nullable(),
  reason: z.string(),
});
const unreadyEntry = queueEntry.extend({ readiness: z.string() });

export const queueView = z.object({
  roundId: z.string(),
  status: z.string(),
  currentBatch: z.number(),
  next: queueEntry.nullable(),
  serving: z.array(queueEntry),
  ready: z.array(queueEntry).describe('可叫号选房的户，按顺序'),
  waiting: z.array(queueEntry).describe('尚未选房的全部户（含未开放批次），按顺序，附原因'),
  passed: z.array(unreadyEntry).describe('轮到时未到选房窗口而过号的户（保留选房权）及原因'),
  notReady: z.array(unreadyEntry),
  announcement: z.string().nullable().describe('如“第 2 号 材料退回，暂缓选房；请第 3 号”'),
  absent: z.array(z.object({ householdId: z.string(), code: z.string(), position: z.number().nullable() })),
  forfeited: z.array(
    z.object({
      householdId: z.string(),
      code: z.string(),
      position: z.number().nullable(),
      kind: z.string(),
      text: z.string(),
    }),
  ),
  done: z.number(),
  unitsLeft: z.number(),
});

export const optionView = z.object({
  unitId: z.string(),
  label: z.string(),
  floor: z.number(),
  layout: z.string(),
  buildingArea: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
});

export const subsidyView = z.object({
  monthlyFen: z.number(),
  lines: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      fromDate: z.string(),
      toDate: z.string(),
      months: z.number(),
      days: z.number(),
      ratePercent: z.number(),
      amountFen: z.number(),
    }),
  ),
  totalFen: z.number(),
  totalText: z.string(),
});

export const roundHouseholdParams = z.object({ id: z.string().min(1).max(64), householdId: z.string().min(1).max(64) });

export const reasonInput = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });

export const roundList = z.array(roundView);
export const drawInput = z.object({ publicValue: z.string().trim().min(1, '请录入现场产生的公开随机值').max(500) });
export const orderInput = z.object({ codes: z.array(z.string().min(1).max(32)).max(100_000).optional() });
export const optionList = z.array(optionView);
export const selectionInput = z.object({ householdId: z.string().min(1).max(64), unitId: z.string().min(1).max(64) });
export const autoAllocationView = z.object({
  assigned: z.number(),
  unassigned: z.array(z.object({ householdId: z.string(), code: z.string(), reason: z.string() })),
});
export const subsidyQuery = z.object({ endDate: isoDateInput.optional() });

export const publicResultsView = z.object({
  project: z.string(),
  round: z.string(),
  status: z.string(),
  unitsLeft: z.number(),
  auditCheckpoint: checkpointSchema.describe('公示生成时审计链的锚点（序号、哈希、时间）'),
  rows: z.array(
    z.object({
      position: z.number().nullable(),
      batch: z.number().nullable(),
      code: z.string(),
      headName: z.string(),
      flats: z.array(z.string()),
      buildingArea: z.string().nullable(),
      note: z.string().nullable().describe('放弃选房 / 视为放弃 / 放弃选房（货币补偿）'),
    }),
  ),
});
const publicUnitSchema = unitFactsSchema.extend({ unitId: z.string() });
export const publicUnitsView = z.object({ project: z.string(), round: z.string(), units: z.array(publicUnitSchema) });
