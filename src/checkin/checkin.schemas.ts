import { z } from 'zod';
import { reasonInput } from '../allocation/allocation.schemas.js';
import { forfeitKinds } from '../allocation/forfeit-kinds.js';
import type { ForfeitRow } from '../db/schema.js';
import { stages } from './stages.js';

// What the day's routes (checkin.routes.ts, turns.routes.ts) accept and answer.

export const deskSignInInput = z.object({
  projectId: z.string().min(1).max(64),
  deskNumber: z.string().trim().min(1).max(20),
  stage: z.enum(stages),
});
export const deskSignInView = z.object({
  id: z.string(),
  deskNumber: z.string(),
  stage: z.string(),
  startedAt: z.string(),
});
export const currentDeskView = z
  .object({ deskNumber: z.string(), stage: z.string(), startedAt: z.string() })
  .nullable();

export const openBatchInput = z.object({ number: z.number().int().min(1) });
export const openBatchesView = z.array(z.object({ number: z.number(), openedAt: z.string() }));

export const arrivalInput = z.object({
  by: z.enum(['code', 'idNumber', 'qr']),
  value: z.string().trim().min(1).max(200),
});
export const arrivalView = z.object({
  workflowId: z.string(),
  householdId: z.string(),
  code: z.string(),
  headName: z.string().nullable().describe('户主姓名（全名，供签到处与本人核对）'),
  position: z.number(),
  batch: z.number(),
  arrivedAt: z.string(),
  batchOpen: z.boolean(),
  secondVisit: z.boolean(),
});

export const arrivalsView = z.object({
  count: z.number().describe('已签到户数'),
  households: z.number().describe('本轮参与户数'),
  arrivals: z.array(
    z.object({
      workflowId: z.string(),
      householdId: z.string(),
      code: z.string(),
      headName: z.string().nullable(),
      position: z.number(),
      batch: z.number(),
      arrivedAt: z.string(),
      absent: z.boolean(),
    }),
  ),
});
export const queueTicketView = z.object({
  workflowId: z.string(),
  roundName: z.string(),
  code: z.string(),
  maskedName: z.string(),
  position: z.number(),
  batch: z.number(),
  arrivedAt: z.string(),
  qr: z.array(z.string()).describe('二维码模块，每行一串 0/1（1 为深色），内容同选房通知书的签到二维码'),
});

export const calledView = z
  .object({
    workflowId: z.string(),
    householdId: z.string(),
    code: z.string(),
    headName: z.string(),
    position: z.number(),
    batch: z.number(),
    stage: z.enum(stages),
    deskNumber: z.string(),
    announcement: z
      .string()
      .nullable()
      .describe('选房窗口：过号的户及原因，再请本户，如“第 2 号 材料退回，暂缓选房；请第 3 号”'),
  })
  .nullable();

export const stageParams = z.object({ id: z.string().min(1).max(64), stage: z.enum(stages) });
export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(100).optional() });
export const stageResult = z.object({
  recordId: z.string(),
  workflowId: z.string(),
  householdId: z.string(),
  stage: z.enum(stages),
  outcome: z.string(),
  data: z.record(z.string(), z.unknown()),
  deskNumber: z.string(),
  staffName: z.string(),
  at: z.string(),
  message: z.string(),
  warnings: z.array(z.string()).describe('须提醒窗口的事项，如系统字库无法打印的姓名用字'),
  repeated: z.boolean(),
});

export const returnInput = z.object({
  reason: z.string().trim().min(2, '请填写退回原因').max(500),
  missing: z.array(z.string().max(50)).max(30).optional(),
});

export const workflowView = z.object({
  workflowId: z.string(),
  position: z.number(),
  batch: z.number(),
  absent: z.boolean(),
  nextStage: z.string().nullable(),
  calledStage: z.string().nullable(),
  calledDesk: z.string().nullable(),
  doneAt: z.string().nullable(),
  selections: z.array(
    z.object({ selectionId: z.string(), unitId: z.string(), unit: z.string(), selectedAt: z.string() }),
  ),
  agreement: z.object({ id: z.string(), number: z.string(), status: z.string() }).nullable(),
});
export const timelineView = z.array(
  z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), details: z.unknown() }),
);

const count = (label: string) => z.number().int().min(0).max(99).describe(label);
export const keyReturnInput = z.object({
  keys: count('退回钥匙（把）'),
  accessCards: count('退回门禁卡（张）'),
  note: z.string().trim().min(1).max(500).optional(),
});
export const keyReturnView = z.object({
  id: z.string(),
  keys: z.number(),
  accessCards: z.number(),
  note: z.string().nullable(),
  receivedBy: z.string(),
  receivedAt: z.string(),
});

export const forfeitInput = reasonInput.extend({ kind: z.enum(['forfeit', 'cash']) });
export const forfeitView = z.object({
  id: z.string(),
  roundId: z.string(),
  householdId: z.string(),
  kind: z.enum(forfeitKinds),
  reason: z.string(),
  hasStatement: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export const toForfeitView = (f: ForfeitRow): z.infer<typeof forfeitView> => ({
  id: f.id,
  roundId: f.roundId,
  householdId: f.householdId,
  kind: f.kind as (typeof forfeitKinds)[number],
  reason: f.reason,
  hasStatement: f.statementDocumentId !== null,
  recordedAt: f.recordedAt,
  recordedBy: f.recordedBy,
});

export const closeRoundView = z.object({ deemedForfeit: z.number(), keptRight: z.number() });
