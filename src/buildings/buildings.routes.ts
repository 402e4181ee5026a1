import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, anySession, idParam, typed } from '../http/zod-app.js';
import { buildingList, buildingView, newBuildingInput, unitList, unitQuery } from './buildings.schemas.js';
import { createBuilding, listBuildings, listUnits } from './buildings.service.js';

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
        body: newBuildingInput,
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
      schema: { tags: ['buildings'], summary: '楼栋列表', params: idParam, response: { 200: buildingList } },
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
        querystring: unitQuery,
        response: { 200: unitList },
      },
    },
    async (request) => listUnits(deps, request.params.id, request.query),
  );
}
