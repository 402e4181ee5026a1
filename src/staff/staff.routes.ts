import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createStaff, listStaff, updateStaff } from '../auth/auth.service.js';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { roles } from '../shared/roles.js';

const password = z.string().min(10, '密码至少 10 个字符').max(256);
const staffView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  active: z.boolean(),
  allProjects: z.boolean(),
  projectIds: z.array(z.string()),
  createdAt: z.string(),
});
const allProjects = z.boolean().describe('服务所有项目（如只服务部分项目，则填 projectIds）');
const projectIds = z.array(z.string().min(1).max(64)).max(200).describe('所服务的项目');

export function registerStaffRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const adminOnly = allow('admin');

  r.get(
    '/api/staff',
    { config: adminOnly, schema: { tags: ['staff'], summary: '工作人员列表', response: { 200: z.array(staffView) } } },
    async () => listStaff(deps),
  );

  r.post(
    '/api/staff',
    {
      config: adminOnly,
      schema: {
        tags: ['staff'],
        summary: '新建工作人员账号',
        body: z.object({
          username: z
            .string()
            .trim()
            .regex(/^[a-zA-Z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字、下划线、点或横线'),
          displayName: z.string().trim().min(1).max(32),
          password,
          roles: z.array(z.enum(roles)).min(1, '至少指定一个角色'),
          allProjects: allProjects.optional(),
          projectIds: projectIds.optional(),
        }),
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
        body: z
          .object({
            displayName: z.string().trim().min(1).max(32).optional(),
            roles: z.array(z.enum(roles)).min(1).optional(),
            active: z.boolean().optional(),
            password: password.optional(),
            allProjects: allProjects.optional(),
            projectIds: projectIds.optional(),
          })
          .refine((b) => Object.keys(b).length > 0, '至少修改一项'),
        response: { 200: staffView },
      },
    },
    async (request) => updateStaff(deps, requireActor(request), request.params.id, request.body),
  );
}
