import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { deskRoles } from '../shared/roles.js';
import { arrivalsView, openBatchesView, queueTicketView } from './checkin.schemas.js';
import { arrivalsOf, openBatchesOf, queueTicket } from './door.service.js';

/** What the door page (签到处) reads: the open batches, who has arrived, and a household's queue ticket. */
export function registerDoorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const tags = ['day'];
  const deskStaff = allow('supervisor', ...deskRoles);

  r.get(
    '/api/rounds/:id/batches',
    {
      config: deskStaff,
      schema: { tags, summary: '已开放叫号的批次', params: idParam, response: { 200: openBatchesView } },
    },
    async (request) => openBatchesOf(deps, request.params.id),
  );
  r.get(
    '/api/rounds/:id/arrivals',
    {
      config: deskStaff,
      schema: { tags, summary: '已签到的户（最新在前）', params: idParam, response: { 200: arrivalsView } },
    },
    async (request) => arrivalsOf(deps, request.params.id),
  );
  r.get(
    '/api/workflows/:id/ticket',
    {
      config: deskStaff,
      schema: {
        tags,
        summary: '排队小票：顺序号、批次、姓名（遮盖）与签到二维码',
        params: idParam,
        response: { 200: queueTicketView },
      },
    },
    async (request) => queueTicket(deps, requireActor(request), request.params.id),
  );
}
