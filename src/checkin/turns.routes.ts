import type { FastifyInstance } from 'fastify';
import { reasonInput, roundHouseholdParams } from '../allocation/allocation.schemas.js';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { acceptRawBodies, SCAN_TYPES } from '../http/raw-upload.js';
import { allow, idParam, noContent, typed } from '../http/zod-app.js';
import { deskRoles } from '../shared/roles.js';
import {
  closeRoundView,
  forfeitInput,
  forfeitView,
  keyReturnInput,
  keyReturnView,
  toForfeitView,
} from './checkin.schemas.js';
import { closeRound } from './close-round.service.js';
import { attachForfeitStatement, forfeit, forfeitStatement, reinstate } from './forfeit.service.js';
import { moveInLine } from './turns.service.js';
import { recordKeyReturn, undoSelection } from './undo.service.js';

/** Corrections to the line and to a household's choice: every one with a reason, audited. */
export function registerTurnRoutes(app: FastifyInstance, deps: AppDeps): void {
  acceptRawBodies(app, SCAN_TYPES, deps.config.ANJU_SIGNED_COPY_MAX_BYTES);
  const r = typed(app);
  const tags = ['day'];
  const supervisor = allow('supervisor');

  r.post(
    '/api/selections/:id/undo',
    {
      config: allow('supervisor', 'signing_clerk'),
      schema: {
        tags,
        summary: '撤销选房（签约前：签约员或主管；签约后：仅主管，协议作废；已领钥匙：须先登记钥匙退回）',
        params: idParam,
        body: reasonInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await undoSelection(deps, requireActor(request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/workflows/:id/key-return',
    {
      config: allow('supervisor', 'key_keeper'),
      schema: {
        tags,
        summary: '登记钥匙、门禁卡退回（撤销选房或重办前）',
        params: idParam,
        body: keyReturnInput,
        response: { 201: keyReturnView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordKeyReturn(deps, requireActor(request), request.params.id, request.body)),
  );
  for (const [move, roles, summary] of [
    ['pass', ['supervisor', 'signing_clerk'], '过号：轮到或正在选房的户暂缓选房，保留选房权，到选房窗口后优先选房'],
    ['absent', ['supervisor', ...deskRoles], '登记未到场（保留选房权）'],
    ['present', ['supervisor', ...deskRoles], '回到队列（到场后按顺序优先选房）'],
  ] as const) {
    r.post(
      `/api/rounds/:id/households/:householdId/${move}`,
      {
        config: allow(...roles),
        schema: { tags, summary, params: roundHouseholdParams, body: reasonInput, response: noContent },
      },
      async (request, reply) => {
        await moveInLine(
          deps,
          requireActor(request),
          request.params.id,
          request.params.householdId,
          move,
          request.body.reason,
        );
        return reply.status(204).send(null);
      },
    );
  }
  r.post(
    '/api/rounds/:id/households/:householdId/forfeit',
    {
      config: supervisor,
      schema: {
        tags,
        summary: '登记放弃选房（forfeit）或选择货币补偿（cash）',
        params: roundHouseholdParams,
        body: forfeitInput,
        response: { 201: forfeitView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toForfeitView(
            await forfeit(deps, requireActor(request), request.params.id, request.params.householdId, request.body),
          ),
        ),
  );
  r.post(
    '/api/forfeits/:id/statement',
    {
      config: supervisor,
      schema: {
        tags,
        summary: '上传放弃声明扫描件（PDF/JPEG/PNG，按内容识别类型）',
        params: idParam,
        consumes: SCAN_TYPES,
        response: { 200: forfeitView },
      },
    },
    async (request) =>
      toForfeitView(
        await attachForfeitStatement(
          deps,
          requireActor(request),
          request.params.id,
          Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        ),
      ),
  );
  r.get(
    '/api/forfeits/:id/statement',
    { config: supervisor, schema: { tags, summary: '放弃声明扫描件', params: idParam } },
    async (request, reply) => {
      const file = await forfeitStatement(deps, request.params.id);
      return reply.type(file.contentType).send(file.bytes);
    },
  );
  r.post(
    '/api/rounds/:id/households/:householdId/reinstate',
    {
      config: supervisor,
      schema: {
        tags,
        summary: '恢复选房资格（撤回放弃），回到原顺序',
        params: roundHouseholdParams,
        body: reasonInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await reinstate(deps, requireActor(request), request.params.id, request.params.householdId, request.body.reason);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/rounds/:id/close',
    {
      config: supervisor,
      schema: {
        tags,
        summary: '结束本轮选房（未选房户按规则视为放弃或保留选房权）',
        params: idParam,
        body: reasonInput,
        response: { 200: closeRoundView },
      },
    },
    async (request) => closeRound(deps, requireActor(request), request.params.id, request.body.reason),
  );
}
