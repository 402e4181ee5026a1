import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unitFactsSchema } from '../buildings/unit-facts.js';
import type { AppDeps } from '../deps.js';
import { idParam, publicRoute, typed } from '../http/zod-app.js';
import { publicUnits } from './round-views.service.js';

const publicUnitSchema = unitFactsSchema.extend({ unitId: z.string() });

/** The flats of a round for the hall screen and the public sales board: no personal data at all. */
export function registerPublicUnitRoutes(app: FastifyInstance, deps: AppDeps): void {
  typed(app).get(
    '/public/rounds/:id/units',
    {
      config: publicRoute,
      schema: {
        tags: ['public'],
        summary: '销控表：本批次房源及其状态（不含任何个人信息）',
        params: idParam,
        response: { 200: z.object({ project: z.string(), round: z.string(), units: z.array(publicUnitSchema) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return publicUnits(deps, request.params.id);
    },
  );
}
