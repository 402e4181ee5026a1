import type { FastifyInstance } from 'fastify';
import { reasonInput, roundHouseholdParams } from '../allocation/allocation.schemas.js';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, noContent, typed } from '../http/zod-app.js';
import { anyStaff, deskRoles } from '../shared/roles.js';
import { checkIn } from './arrivals.service.js';
import { callNext, markNoShow, recall } from './calling.service.js';
import {
  arrivalInput,
  arrivalView,
  calledView,
  currentDeskView,
  deskSignInInput,
  deskSignInView,
  idempotencyHeaders,
  openBatchesView,
  openBatchInput,
  returnInput,
  stageParams,
  stageResult,
  timelineView,
  workflowView,
} from './checkin.schemas.js';
import { reopenStage, returnHousehold } from './corrections.service.js';
import { currentDesk, openBatch, signInDesk } from './day.service.js';
import { keyReceiptPdf } from './key-receipt.service.js';
import { dayProgress, householdTimeline, householdWorkflow } from './progress.service.js';
import { completeStage } from './stage.service.js';
import { stageSubmission } from './stage-forms.js';
import { householdStanding } from './standing.service.js';

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
        body: deskSignInInput,
        response: { 200: deskSignInView },
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
        response: { 200: currentDeskView },
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
        body: openBatchInput,
        response: { 200: openBatchesView },
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
        body: arrivalInput,
        response: { 200: arrivalView },
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
        response: { 200: calledView },
      },
    },
    async (request) => callNext(deps, requireActor(request), request.params.id),
  );
  r.post(
    '/api/workflows/:id/no-show',
    {
      config: deskStaff,
      schema: { tags, summary: '叫号未到：登记未到场，保留顺序', params: idParam, response: noContent },
    },
    async (request, reply) => {
      await markNoShow(deps, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/workflows/:id/recall',
    { config: deskStaff, schema: { tags, summary: '未到场户回到队列', params: idParam, response: noContent } },
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
        headers: idempotencyHeaders,
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
        body: returnInput,
        response: noContent,
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
        body: reasonInput,
        response: noContent,
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
        summary: '该户在本轮的签到记录（重开事项时用），及其所选房源与有效协议',
        params: roundHouseholdParams,
        response: { 200: workflowView },
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
        summary: '该户在本轮的现状：队列位置与原因、已办事项、所选房源、协议、钥匙、放弃',
        params: roundHouseholdParams,
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
        response: { 200: timelineView },
      },
    },
    async (request) => householdTimeline(deps, requireActor(request), request.params.id),
  );
  r.get(
    '/api/workflows/:id/receipt.pdf',
    {
      config: allow('supervisor', 'key_keeper'),
      // Listed with the other papers in the API documentation, where it has always been.
      schema: { tags: ['agreements'], summary: '钥匙领取签收单 PDF', params: idParam },
    },
    async (request, reply) => reply.type('application/pdf').send(await keyReceiptPdf(deps, request.params.id)),
  );
}
