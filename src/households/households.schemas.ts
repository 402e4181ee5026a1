import { z } from 'zod';
import { householdLimits as limits } from '../shared/field-limits.js';
import {
  areaInput,
  areaOutput,
  idNumberInput,
  isoDateInput,
  isoDateTimeInput,
  personNameInput,
  phoneInput,
  printedWordInput,
} from '../shared/schemas.js';
import { normalizeCode } from '../shared/text.js';
import { isHeadRelation } from './household-draft.js';

// What the household routes accept and answer.

const memberInput = z.object({
  name: personNameInput,
  idNumber: idNumberInput,
  relation: printedWordInput(limits.relation, '请填写与户主关系'),
  phone: phoneInput.optional(),
});

const flagsInput = z.object({ elderly: z.boolean(), disabled: z.boolean(), lowIncome: z.boolean() }).partial();

export const householdInput = z
  .object({
    code: z.string().transform(normalizeCode).pipe(z.string().min(1, '请填写户号').max(limits.code)),
    phone: phoneInput.optional(),
    demolishedArea: areaInput,
    entitledArea: areaInput,
    compensationAgreementNo: z.string().trim().min(1).max(limits.agreementNo).optional(),
    compensationSignedAt: isoDateTimeInput.optional(),
    transitionStartDate: isoDateInput.optional(),
    flags: flagsInput.default({}),
    notes: z.string().max(limits.notes).default(''),
    members: z.array(memberInput).min(1, '至少登记户主一人').max(limits.members),
  })
  .superRefine((h, ctx) => {
    const heads = h.members.filter((m) => isHeadRelation(m.relation)).length;
    if (heads !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: '家庭成员中须有且只有一位户主（关系填“户主”或“本人”）',
      });
    const seen = new Set<string>();
    h.members.forEach((m, i) => {
      if (seen.has(m.idNumber))
        ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: '身份证号在本户中重复' });
      seen.add(m.idNumber);
    });
  });

const memberView = z.object({
  name: z.string(),
  idNumber: z.string(),
  relation: z.string(),
  phone: z.string().nullable(),
  isHead: z.boolean(),
});
export const householdView = z.object({
  id: z.string(),
  projectId: z.string(),
  code: z.string(),
  headName: z.string(),
  phone: z.string().nullable(),
  demolishedArea: areaOutput,
  entitledArea: areaOutput,
  compensationAgreementNo: z.string().nullable(),
  compensationSignedAt: z.string().nullable(),
  transitionStartDate: z.string().nullable(),
  flags: z.object({ elderly: z.boolean(), disabled: z.boolean(), lowIncome: z.boolean() }),
  notes: z.string(),
  status: z.string(),
  members: z.array(memberView),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const householdChanges = z
  .object({
    phone: phoneInput.nullable().optional(),
    demolishedArea: areaInput.optional(),
    entitledArea: areaInput.optional(),
    compensationAgreementNo: z.string().trim().min(1).max(limits.agreementNo).nullable().optional(),
    compensationSignedAt: isoDateTimeInput.nullable().optional(),
    transitionStartDate: isoDateInput.nullable().optional(),
    flags: flagsInput.optional(),
    notes: z.string().max(limits.notes).optional(),
    reason: z.string().trim().min(2, '请填写修改原因').max(500),
  })
  .refine((b) => Object.keys(b).length > 1, '至少修改一项');

export const householdSearchQuery = z.object({
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const householdPage = z.object({ total: z.number(), items: z.array(householdView) });

export const nameWarningsView = z.object({
  households: z.array(z.object({ householdId: z.string(), code: z.string(), warnings: z.array(z.string()) })),
});
