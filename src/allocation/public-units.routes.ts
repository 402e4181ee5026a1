import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { idParam, publicRoute, typed } from '../http/zod-app.js';
import { publicUnitsView } from './allocation.schemas.js';
import { publicUnits } from './round-views.service.js';

/** The flats of a round for the hall screen and the public sales board: no personal data at all. */
export function registerPublicUnitRoutes(app: FastifyInstance, deps: AppDeps): void {
  typed(app).get(
    '/public/rounds/:id/units',
    {
      config: publicRoute,
      schema: {
        tags: ['public'],
        summary: '销控表：本轮房源及其状态（不含任何个人信息）',
        params: idParam,
        response: { 200: publicUnitsView },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return publicUnits(deps, request.params.id);
    },
  );
}
