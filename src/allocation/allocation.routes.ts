import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { anyStaff } from '../shared/roles.js';
import {
  autoAllocationView,
  drawInput,
  membershipInput,
  newRoundInput,
  optionList,
  orderInput,
  queueView,
  roundHouseholdParams,
  roundList,
  roundView,
  selectionInput,
  selectionResult,
  subsidyQuery,
  subsidyView,
} from './allocation.schemas.js';
import { autoAllocate } from './auto-allocate.service.js';
import { drawOrder, fixOrder, publishCommitment } from './ordering.service.js';
import { formatYuan } from './rmb-capital.js';
import { optionsFor, queueState } from './round-views.service.js';
import { createRound, getRound, listRounds, replaceMembership } from './rounds.service.js';
import { selectUnit } from './selection.service.js';
import { settlementSummary } from './settlement.js';
import { householdTransitionSubsidy } from './subsidy.service.js';

export function registerAllocationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const managers = allow('admin', 'supervisor');
  const staff = allow(...anyStaff);
  const tags = ['allocation'];

  r.post(
    '/api/projects/:id/rounds',
    {
      config: managers,
      schema: { tags, summary: '新建选房轮次', params: idParam, body: newRoundInput, response: { 201: roundView } },
    },
    async (request, reply) =>
      reply.status(201).send(await createRound(deps, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    '/api/projects/:id/rounds',
    {
      config: staff,
      schema: { tags, summary: '选房轮次列表', params: idParam, response: { 200: roundList } },
    },
    async (request) => listRounds(deps, request.params.id),
  );
  r.get(
    '/api/rounds/:id',
    { config: staff, schema: { tags, summary: '选房轮次详情', params: idParam, response: { 200: roundView } } },
    async (request) => getRound(deps, request.params.id),
  );
  r.put(
    '/api/rounds/:id/membership',
    {
      config: managers,
      schema: {
        tags,
        summary: '更换参与户与房源名单（仅编制阶段）',
        params: idParam,
        body: membershipInput,
        response: { 200: roundView },
      },
    },
    async (request) => replaceMembership(deps, requireActor(request), request.params.id, request.body),
  );
  r.post(
    '/api/rounds/:id/commitment',
    {
      config: managers,
      schema: {
        tags,
        summary: '公布摇号承诺值（名单哈希与密钥哈希），此后名单不可更改',
        params: idParam,
        response: { 200: roundView },
      },
    },
    async (request) => publishCommitment(deps, requireActor(request), request.params.id),
  );
  r.post(
    '/api/rounds/:id/draw',
    {
      config: managers,
      schema: {
        tags,
        summary: '现场摇号：录入公开随机值，生成选房顺序并公开密钥',
        params: idParam,
        body: drawInput,
        response: { 200: roundView },
      },
    },
    async (request) => drawOrder(deps, requireActor(request), request.params.id, request.body.publicValue),
  );
  r.post(
    '/api/rounds/:id/order',
    {
      config: managers,
      schema: {
        tags,
        summary: '按签约时间（先签先选）或导入的顺序确定选房顺序',
        params: idParam,
        body: orderInput,
        response: { 200: roundView },
      },
    },
    async (request) => fixOrder(deps, requireActor(request), request.params.id, request.body.codes),
  );
  r.get(
    '/api/rounds/:id/queue',
    { config: staff, schema: { tags, summary: '选房队列：当前轮到谁', params: idParam, response: { 200: queueView } } },
    async (request) => queueState(deps, request.params.id),
  );
  r.get(
    '/api/rounds/:id/households/:householdId/options',
    {
      config: staff,
      schema: {
        tags,
        summary: '该户可选房源（含不可选原因）',
        params: roundHouseholdParams,
        response: { 200: optionList },
      },
    },
    async (request) => optionsFor(deps, request.params.id, request.params.householdId),
  );
  r.post(
    '/api/rounds/:id/selections',
    {
      config: allow('supervisor', 'signing_clerk'),
      schema: {
        tags,
        summary: '选房',
        params: idParam,
        body: selectionInput,
        response: { 200: selectionResult, 201: selectionResult },
      },
    },
    async (request, reply) => {
      const result = await selectUnit(deps, requireActor(request), request.params.id, request.body);
      return reply
        .status(result.repeated ? 200 : 201)
        .send({ ...result, settlementText: settlementSummary(result.settlement) });
    },
  );
  r.post(
    '/api/rounds/:id/auto-allocate',
    {
      config: allow('supervisor'),
      schema: {
        tags,
        summary: '自动分配：按顺序为每户分配面积最接近的房源',
        params: idParam,
        response: { 200: autoAllocationView },
      },
    },
    async (request) => autoAllocate(deps, requireActor(request), request.params.id),
  );
  r.get(
    '/api/households/:id/transition-subsidy',
    {
      config: staff,
      schema: {
        tags,
        summary: '过渡费计算（至交钥匙日或今日）',
        params: idParam,
        querystring: subsidyQuery,
        response: { 200: subsidyView },
      },
    },
    async (request) => {
      const result = await householdTransitionSubsidy(deps, request.params.id, request.query.endDate);
      return { ...result, totalText: `${formatYuan(result.totalFen)} 元` };
    },
  );
}
