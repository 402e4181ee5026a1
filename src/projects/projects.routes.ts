import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, anySession, idParam, typed } from '../http/zod-app.js';
import { settlementRulesSchema, transitionRulesSchema } from './project-rules.js';
import { createProject, getProject, listProjects, updateProject } from './projects.service.js';

const projectView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  officeName: z.string(),
  settlementRules: settlementRulesSchema,
  transitionRules: transitionRulesSchema,
  documentChecklist: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const checklist = z.array(z.string().trim().min(1).max(50)).min(1).max(30);
const reason = z.string().trim().min(2, '请填写修改原因').max(500);

export function registerProjectRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const managers = allow('admin', 'supervisor');

  r.get(
    '/api/projects',
    {
      config: anySession,
      schema: { tags: ['projects'], summary: '项目列表', response: { 200: z.array(projectView) } },
    },
    async (request) => listProjects(deps, requireActor(request)),
  );

  r.get(
    '/api/projects/:id',
    {
      config: anySession,
      schema: { tags: ['projects'], summary: '项目详情', params: idParam, response: { 200: projectView } },
    },
    async (request) => getProject(deps, request.params.id),
  );

  r.post(
    '/api/projects',
    {
      config: managers,
      schema: {
        tags: ['projects'],
        summary: '新建改造项目（含面积差价与过渡费规则）',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Z][A-Z0-9]{1,9}$/, '项目代号为 2–10 位大写字母或数字，以字母开头，如 FJW'),
          name: z.string().trim().min(2).max(100),
          officeName: z.string().trim().min(2).max(100).describe('征收实施单位 / 项目办'),
          settlementRules: settlementRulesSchema,
          transitionRules: transitionRulesSchema,
          documentChecklist: checklist
            .optional()
            .describe('材料审核清单，默认：户口簿、居民身份证、征收补偿协议、房屋腾空交付确认书'),
        }),
        response: { 201: projectView },
      },
    },
    async (request, reply) => reply.status(201).send(await createProject(deps, requireActor(request), request.body)),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: managers,
      schema: {
        tags: ['projects'],
        summary: '修改项目（须填写原因）',
        params: idParam,
        body: z.object({
          name: z.string().trim().min(2).max(100).optional(),
          officeName: z.string().trim().min(2).max(100).optional(),
          settlementRules: settlementRulesSchema.optional(),
          transitionRules: transitionRulesSchema.optional(),
          documentChecklist: checklist.optional(),
          reason,
        }),
        response: { 200: projectView },
      },
    },
    async (request) => updateProject(deps, requireActor(request), request.params.id, request.body),
  );
}
