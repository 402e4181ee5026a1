import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { anyStaff, deskRoles } from '../auth/roles.js';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { checkIn } from './arrivals.service.js';
import { callNext, markNoShow, recall } from './calling.service.js';
import { reopenStage, returnHousehold } from './corrections.service.js';
import { currentDesk, openBatch, signInDesk } from './day.service.js';
import { dayProgress, householdTimeline, householdWorkflow } from './progress.service.js';
import { completeStage } from './stage.service.js';
import { stageSubmission } from './stage-forms.js';
import { stages } from './stages.js';
import { householdStanding } from './standing.service.js';

const stageParams = z.object({ id: z.string().min(1).max(64), stage: z.enum(stages) });
const stageResult = z.object({
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

export function registerCheckinRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const tags = ['day'];
  const deskStaff = allow('supervisor', ...deskRoles);
  const staff = allow(...anyStaff);

  r.post(
    '/api/desks/sign-in',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '登录窗口（窗口号与办理事项）',
        body: z.object({
          projectId: z.string().min(1).max(64),
          deskNumber: z.string().trim().min(1).max(20),
          stage: z.enum(stages),
        }),
        response: {
          200: z.object({ id: z.string(), deskNumber: z.string(), stage: z.string(), startedAt: z.string() }),
        },
      },
    },
    async (request) => signInDesk(deps, requireActor(request), request.body),
  );
  r.get(
    '/api/desks/me',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '当前窗口',
        response: { 200: z.object({ deskNumber: z.string(), stage: z.string(), startedAt: z.string() }).nullable() },
      },
    },
    async (request) => (await currentDesk(deps, requireActor(request))) ?? null,
  );
  r.post(
    '/api/rounds/:id/batches',
    {
      config: allow('supervisor'),
      schema: {
        tags,
        summary: '开放批次（该批安置户开始叫号）',
        params: idParam,
        body: z.object({ number: z.number().int().min(1) }),
        response: { 200: z.array(z.object({ number: z.number(), openedAt: z.string() })) },
      },
    },
    async (request) => openBatch(deps, requireActor(request), request.params.id, request.body.number),
  );
  r.post(
    '/api/rounds/:id/arrivals',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '签到：按户号、身份证号或扫描通知书二维码',
        params: idParam,
        body: z.object({ by: z.enum(['code', 'idNumber', 'qr']), value: z.string().trim().min(1).max(200) }),
        response: {
          200: z.object({
            workflowId: z.string(),
            householdId: z.string(),
            code: z.string(),
            position: z.number(),
            batch: z.number(),
            batchOpen: z.boolean(),
            secondVisit: z.boolean(),
          }),
        },
      },
    },
    async (request) => checkIn(deps, requireActor(request), request.params.id, request.body),
  );
  r.post(
    '/api/rounds/:id/calls',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '叫下一位（本窗口的办理事项）',
        params: idParam,
        response: {
          200: z
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
            .nullable(),
        },
      },
    },
    async (request) => callNext(deps, requireActor(request), request.params.id),
  );
  r.post(
    '/api/workflows/:id/no-show',
    {
      config: deskStaff,
      schema: { tags, summary: '叫号未到：登记未到场，保留顺序', params: idParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await markNoShow(deps, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/workflows/:id/recall',
    { config: deskStaff, schema: { tags, summary: '未到场户回到队列', params: idParam, response: { 204: z.null() } } },
    async (request, reply) => {
      await recall(deps, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/workflows/:id/stages',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '办理本窗口事项（同一 Idempotency-Key 或已办理的重复请求返回首次结果）',
        params: idParam,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: stageSubmission,
        response: { 200: stageResult, 201: stageResult },
      },
    },
    async (request, reply) => {
      const result = await completeStage(
        deps,
        requireActor(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.status(result.repeated ? 200 : 201).send(result);
    },
  );
  r.post(
    '/api/workflows/:id/stages/:stage/return',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '退回（说明原因与需补材料），保留顺序',
        params: stageParams,
        body: z.object({
          reason: z.string().trim().min(2, '请填写退回原因').max(500),
          missing: z.array(z.string().max(50)).max(30).optional(),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await returnHousehold(deps, requireActor(request), request.params.id, request.params.stage, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/workflows/:id/stages/:stage/reopen',
    {
      config: allow('supervisor'),
      schema: {
        tags,
        summary: '重开已办理事项（须填写原因，其后事项一并作废重办）',
        params: stageParams,
        body: z.object({ reason: z.string().trim().min(2, '请填写原因').max(500) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await reopenStage(deps, requireActor(request), request.params.id, request.params.stage, request.body.reason);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/rounds/:id/progress',
    { config: staff, schema: { tags, summary: '办理进度', params: idParam } },
    async (request) => dayProgress(deps, request.params.id),
  );
  r.get(
    '/api/rounds/:id/households/:householdId/workflow',
    {
      config: staff,
      schema: {
        tags,
        summary: '该户在本批次的签到记录（重开事项时用），及其所选房源与有效协议',
        params: z.object({ id: z.string().min(1).max(64), householdId: z.string().min(1).max(64) }),
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => householdWorkflow(deps, request.params.id, request.params.householdId),
  );
  r.get(
    '/api/rounds/:id/households/:householdId/standing',
    {
      config: staff,
      schema: {
        tags,
        summary: '该户在本批次的现状：队列位置与原因、已办事项、所选房源、协议、钥匙、放弃',
        params: z.object({ id: z.string().min(1).max(64), householdId: z.string().min(1).max(64) }),
      },
    },
    async (request) => householdStanding(deps, request.params.id, request.params.householdId),
  );
  r.get(
    '/api/households/:id/timeline',
    {
      config: staff,
      schema: {
        tags,
        summary: '该户当日全部经过（取自审计日志）',
        params: idParam,
        response: {
          200: z.array(
            z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), details: z.unknown() }),
          ),
        },
      },
    },
    async (request) => householdTimeline(deps, requireActor(request), request.params.id),
  );
}
