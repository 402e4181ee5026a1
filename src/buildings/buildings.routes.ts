import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, anySession, idParam, typed } from '../http/zod-app.js';
import { buildingLimits } from '../shared/field-limits.js';
import { areaInput, areaOutput } from '../shared/schemas.js';
import { createBuilding, listBuildings, listUnits } from './buildings.service.js';
import { unitFactsSchema } from './unit-facts.js';
import { unitStatuses } from './unit-label.js';

const buildingView = z.object({
  id: z.string(),
  zone: z.string(),
  name: z.string(),
  floorsAbove: z.number(),
  floorsBelow: z.number(),
  totalArea: areaOutput,
  entrances: z.number(),
  unitCount: z.number(),
  unitArea: areaOutput,
});

const unitView = unitFactsSchema.extend({ id: z.string(), buildingId: z.string() });

export function registerBuildingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);

  r.post(
    '/api/projects/:id/buildings',
    {
      config: allow('admin', 'supervisor'),
      schema: {
        tags: ['buildings'],
        summary: '新建楼栋（安置区不存在时一并建立）',
        params: idParam,
        body: z.object({
          zone: z.string().trim().min(1).max(buildingLimits.zone).describe('安置区，如 安置B区'),
          name: z.string().trim().min(1).max(buildingLimits.name).describe('楼栋，如 7#楼'),
          floorsAbove: z.number().int().min(1).max(120),
          floorsBelow: z.number().int().min(0).max(10),
          totalArea: areaInput,
          entrances: z.number().int().min(1).max(20).describe('单元数'),
        }),
        response: { 201: buildingView },
      },
    },
    async (request, reply) => {
      const { totalArea, ...rest } = request.body;
      const view = await createBuilding(deps, requireActor(request), request.params.id, {
        ...rest,
        totalAreaCenti: totalArea,
      });
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/projects/:id/buildings',
    {
      config: anySession,
      schema: { tags: ['buildings'], summary: '楼栋列表', params: idParam, response: { 200: z.array(buildingView) } },
    },
    async (request) => listBuildings(deps, request.params.id),
  );

  r.get(
    '/api/projects/:id/units',
    {
      config: anySession,
      schema: {
        tags: ['buildings'],
        summary: '房源列表',
        params: idParam,
        querystring: z.object({ buildingId: z.string().max(64).optional(), status: z.enum(unitStatuses).optional() }),
        response: { 200: z.array(unitView) },
      },
    },
    async (request) => listUnits(deps, request.params.id, request.query),
  );
}
