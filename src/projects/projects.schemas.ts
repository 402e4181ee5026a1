import { z } from 'zod';
import { settlementRulesSchema, transitionRulesSchema } from './project-rules.js';

// What the project routes accept and answer.

export const projectView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  officeName: z.string(),
  settlementRules: settlementRulesSchema,
  transitionRules: transitionRulesSchema,
  documentChecklist: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const checklist = z.array(z.string().trim().min(1).max(50)).min(1).max(30);
const reason = z.string().trim().min(2, '请填写修改原因').max(500);

export const projectList = z.array(projectView);

export const newProjectInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, '项目代号为 2–10 位大写字母或数字，以字母开头，如 FJW'),
  name: z.string().trim().min(2).max(100),
  officeName: z.string().trim().min(2).max(100).describe('征收实施单位 / 项目办'),
  settlementRules: settlementRulesSchema,
  transitionRules: transitionRulesSchema,
  documentChecklist: checklist
    .optional()
    .describe('材料审核清单，默认：户口簿、居民身份证、征收补偿协议、房屋腾空交付确认书'),
});

export const projectChangeInput = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  officeName: z.string().trim().min(2).max(100).optional(),
  settlementRules: settlementRulesSchema.optional(),
  transitionRules: transitionRulesSchema.optional(),
  documentChecklist: checklist.optional(),
  reason,
});
