import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { idParam, publicRoute, typed } from '../http/zod-app.js';
import { hallStateView } from './hall.schemas.js';
import { hallState } from './hall.service.js';

/** The hall screen's state on load: the calls standing now and the day's counts, names masked. */
export function registerHallRoutes(app: FastifyInstance, deps: AppDeps): void {
  typed(app).get(
    '/public/rounds/:id/hall',
    {
      config: publicRoute,
      schema: {
        tags: ['public'],
        summary: '叫号大屏：当前叫号与已签到、等候、已选房户数（姓名脱敏）',
        params: idParam,
        response: { 200: hallStateView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return hallState(deps, request.params.id);
    },
  );
}
