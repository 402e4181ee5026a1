import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { householdLimits as limits } from '../shared/field-limits.js';
import { anyStaff } from '../shared/roles.js';
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
import { createHousehold, getHousehold, searchHouseholds, updateHousehold } from './households.service.js';
import { unprintableNamesOfProject } from './name-printing.service.js';

const memberInput = z.object({
  name: personNameInput,
  idNumber: idNumberInput,
  relation: printedWordInput(limits.relation, '请填写与户主关系'),
  phone: phoneInput.optional(),
});

const flagsInput = z.object({ elderly: z.boolean(), disabled: z.boolean(), lowIncome: z.boolean() }).partial();

const householdInput = z
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
const householdView = z.object({
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

const householdChanges = z
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

const toUtcIso = (value: string | null | undefined) => (value ? new Date(value).toISOString() : value);

export function registerHouseholdRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const managers = allow('admin', 'supervisor');

  r.get(
    '/api/projects/:id/households',
    {
      config: allow(...anyStaff),
      schema: {
        tags: ['households'],
        summary: '安置户列表与查找（户号、姓名或身份证号）',
        params: idParam,
        querystring: z.object({
          q: z.string().trim().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(householdView) }) },
      },
    },
    async (request) => searchHouseholds(deps, requireActor(request), request.params.id, request.query),
  );

  r.get(
    '/api/projects/:id/households/name-warnings',
    {
      config: managers,
      schema: {
        tags: ['households'],
        summary: '姓名用字检查：系统字库无法打印的字（导入或更正后查看）',
        params: idParam,
        response: {
          200: z.object({
            households: z.array(z.object({ householdId: z.string(), code: z.string(), warnings: z.array(z.string()) })),
          }),
        },
      },
    },
    async (request) => ({ households: await unprintableNamesOfProject(deps, request.params.id) }),
  );

  r.get(
    '/api/households/:id',
    {
      config: allow(...anyStaff),
      schema: { tags: ['households'], summary: '安置户档案', params: idParam, response: { 200: householdView } },
    },
    async (request) => getHousehold(deps, requireActor(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/households',
    {
      config: managers,
      schema: {
        tags: ['households'],
        summary: '登记一户',
        params: idParam,
        body: householdInput,
        response: { 201: householdView },
      },
    },
    async (request, reply) => {
      const { demolishedArea, entitledArea, flags, members, ...rest } = request.body;
      const view = await createHousehold(deps, requireActor(request), request.params.id, {
        ...rest,
        phone: rest.phone ?? null,
        compensationAgreementNo: rest.compensationAgreementNo ?? null,
        compensationSignedAt: toUtcIso(rest.compensationSignedAt) ?? null,
        transitionStartDate: rest.transitionStartDate ?? null,
        demolishedAreaCenti: demolishedArea,
        entitledAreaCenti: entitledArea,
        isElderly: flags.elderly ?? false,
        isDisabled: flags.disabled ?? false,
        isLowIncome: flags.lowIncome ?? false,
        members: members.map((m) => ({ ...m, phone: m.phone ?? null, isHead: isHeadRelation(m.relation) })),
      });
      return reply.status(201).send(view);
    },
  );

  r.patch(
    '/api/households/:id',
    {
      config: managers,
      schema: {
        tags: ['households'],
        summary: '更正安置户档案（须填写原因）',
        params: idParam,
        body: householdChanges,
        response: { 200: householdView },
      },
    },
    async (request) => {
      const { reason, flags, demolishedArea, entitledArea, compensationSignedAt, ...rest } = request.body;
      const changes = {
        ...rest,
        ...(demolishedArea === undefined ? {} : { demolishedAreaCenti: demolishedArea }),
        ...(entitledArea === undefined ? {} : { entitledAreaCenti: entitledArea }),
        ...(compensationSignedAt === undefined ? {} : { compensationSignedAt: toUtcIso(compensationSignedAt) ?? null }),
        ...(flags?.elderly === undefined ? {} : { isElderly: flags.elderly ? 1 : 0 }),
        ...(flags?.disabled === undefined ? {} : { isDisabled: flags.disabled ? 1 : 0 }),
        ...(flags?.lowIncome === undefined ? {} : { isLowIncome: flags.lowIncome ? 1 : 0 }),
      };
      return updateHousehold(deps, requireActor(request), request.params.id, changes, reason);
    },
  );
}
