import { z } from 'zod';
import { parseCheckpointArg } from './checkpoint.js';

// What the audit routes accept and answer.

export const auditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  projectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

export const auditRowList = z.array(auditRow);

export const auditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  projectId: z.string().max(64).optional(),
  // seq is a 32-bit integer column: a larger bound would be a database error on PostgreSQL.
  beforeSeq: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const verifyQuery = z.object({
  checkpoint: z
    .string()
    .max(80)
    .refine((text) => parseCheckpointArg(text) !== null, '锚点格式应为 <序号>:<哈希>（哈希至少 16 位十六进制）')
    .optional(),
});

export const chainVerificationView = z.object({
  ok: z.boolean(),
  rowsChecked: z.number(),
  lastSeq: z.number(),
  checkpointsChecked: z.number(),
  firstBrokenSeq: z.number().nullable(),
  message: z.string(),
  problems: z.array(z.string()),
});
