import { z } from 'zod';
import { VERIFY_CODE_LENGTH } from './agreement-view.service.js';

// What the agreement routes (agreements.routes.ts, public-agreements.routes.ts) accept and answer.

export const agreementSummaryView = z.object({
  id: z.string(),
  number: z.string(),
  householdId: z.string(),
  roundId: z.string(),
  status: z.string(),
  issuedAt: z.string(),
  pdfSha256: z.string().nullable(),
  templateVersion: z.string().nullable(),
  signedCopy: z.object({ sha256: z.string(), at: z.string().nullable(), by: z.string().nullable() }).nullable(),
  voidReason: z.string().nullable(),
  replacesId: z.string().nullable(),
});

export const printJobView = z.object({
  id: z.string(),
  roundId: z.string(),
  status: z.string(),
  done: z.number(),
  total: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const agreementListQuery = z.object({ includeVoided: z.enum(['true', 'false']).default('false') });
export const agreementListView = z.array(agreementSummaryView);
export const regenerateInput = z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) });

export const residentDownloadInput = z.object({
  number: z.string().trim().min(1).max(40),
  idSuffix: z.string().trim().min(1).max(6),
});
export const verifyParams = z.object({ number: z.string().min(1).max(40) });
export const verifyQuery = z.object({
  c: z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${VERIFY_CODE_LENGTH},64}$`), `校验码为二维码中的 ${VERIFY_CODE_LENGTH} 位`)
    .optional(),
});
