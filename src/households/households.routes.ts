import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { anyStaff } from '../shared/roles.js';
import { isHeadRelation } from './household-draft.js';
import {
  householdChanges,
  householdInput,
  householdPage,
  householdSearchQuery,
  householdView,
  nameWarningsView,
} from './households.schemas.js';
import { createHousehold, getHousehold, searchHouseholds, updateHousehold } from './households.service.js';
import { unprintableNamesOfProject } from './name-printing.service.js';

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
        querystring: householdSearchQuery,
        response: { 200: householdPage },
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
        response: { 200: nameWarningsView },
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
        ...(flags?.elderly === undefined ? {} : { isElderly: flags.elderly }),
        ...(flags?.disabled === undefined ? {} : { isDisabled: flags.disabled }),
        ...(flags?.lowIncome === undefined ? {} : { isLowIncome: flags.lowIncome }),
      };
      return updateHousehold(deps, requireActor(request), request.params.id, changes, reason);
    },
  );
}
