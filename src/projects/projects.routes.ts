import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, anySession, idParam, typed } from '../http/zod-app.js';
import { newProjectInput, projectChangeInput, projectList, projectView } from './projects.schemas.js';
import { createProject, getProject, listProjects, updateProject } from './projects.service.js';

export function registerProjectRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const managers = allow('admin', 'supervisor');

  r.get(
    '/api/projects',
    {
      config: anySession,
      schema: { tags: ['projects'], summary: '项目列表', response: { 200: projectList } },
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
        body: newProjectInput,
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
        body: projectChangeInput,
        response: { 200: projectView },
      },
    },
    async (request) => updateProject(deps, requireActor(request), request.params.id, request.body),
  );
}
