import { z } from 'zod';
import { isoDateInput, personNameInput, phoneInput } from '../shared/schemas.js';
import type { Stage } from './stages.js';

export const AGENT_DOCUMENT = '授权委托书';

/** What each desk submits; the service checks it against the file and records it. */
export const stageForms = {
  documentReview: z.object({
    presented: z.array(z.string().trim().min(1).max(50)).max(40).describe('已核验的材料'),
    agent: z.boolean().default(false).describe('由委托代理人办理（须另交授权委托书）'),
    note: z.string().max(500).optional(),
  }),
  idCheck: z.object({
    person: z.enum(['head', 'agent']).describe('到场人：户主本人或委托代理人'),
    idNumber: z.string().trim().min(1, '请录入或读取到场人的身份证号').max(30),
    name: personNameInput.optional().describe('代理人姓名（代理人到场时必填）'),
  }),
  selection: z.object({ unitId: z.string().min(1).max(64) }),
  signing: z.object({ note: z.string().max(500).optional() }),
  propertyRegistration: z.object({
    occupants: z.number().int().min(1).max(30),
    phone: phoneInput,
    emergencyContact: z.object({ name: personNameInput, phone: phoneInput }),
    vehiclePlate: z
      .string()
      .trim()
      .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, '车牌号格式不正确，如 甘A12345')
      .optional(),
    feeStartDate: isoDateInput,
  }),
  keyHandover: z.object({
    keys: z.number().int().min(1).max(20).describe('钥匙把数'),
    accessCards: z.number().int().min(0).max(20).describe('门禁卡张数'),
    receiptNo: z.string().trim().min(1).max(40).describe('签收单号'),
  }),
} satisfies Record<Stage, z.ZodType>;

export type StageForm<S extends Stage> = z.infer<(typeof stageForms)[S]>;

/** Any stage's form, told apart by `stage`: one route serves every desk. */
export const stageSubmission = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('documentReview'), form: stageForms.documentReview }),
  z.object({ stage: z.literal('idCheck'), form: stageForms.idCheck }),
  z.object({ stage: z.literal('selection'), form: stageForms.selection }),
  z.object({ stage: z.literal('signing'), form: stageForms.signing }),
  z.object({ stage: z.literal('propertyRegistration'), form: stageForms.propertyRegistration }),
  z.object({ stage: z.literal('keyHandover'), form: stageForms.keyHandover }),
]);

export type StageSubmission = z.infer<typeof stageSubmission>;
