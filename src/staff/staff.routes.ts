import type { FastifyInstance } from 'fastify';
import { createStaff, listStaff, updateStaff } from '../auth/auth.service.js';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { newStaffInput, staffChangeInput, staffList, staffView } from './staff.schemas.js';

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const adminOnly = allow('admin');

  r.get(
    '/api/staff',
    { config: adminOnly, schema: { tags: ['staff'], summary: '工作人员列表', response: { 200: staffList } } },
    async () => listStaff(deps),
  );

  r.post(
    '/api/staff',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: '新建工作人员账号',
        body: newStaffInput,
        response: { 201: staffView },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaff(deps, requireActor(request), request.body)),
  );

  r.patch(
    '/api/staff/:id',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: '修改账号：姓名、角色、所服务的项目、启用/停用、重设密码',
        params: idParam,
        body: staffChangeInput,
        response: { 200: staffView },
      },
    },
    async (request) => updateStaff(deps, requireActor(request), request.params.id, request.body),
  );
}
