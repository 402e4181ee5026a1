import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { publicRoute, typed } from '../http/zod-app.js';
import { labelsModule } from './labels-module.js';
import { registerPublicPages } from './pages/public-pages.js';
import { registerStaffPages } from './pages/staff-pages.js';
import { loadStaticFiles } from './static-files.js';
import { staticFileParams } from './web.schemas.js';

export function registerWebRoutes(app: FastifyInstance, deps: AppDeps): void {
  const files = loadStaticFiles();
  files.set('labels.js', { body: Buffer.from(labelsModule()), type: 'text/javascript; charset=utf-8' });
  typed(app).get(
    '/static/:name',
    {
      config: publicRoute,
      schema: { hide: true, params: staticFileParams },
    },
    async (request, reply) => {
      const file = files.get(request.params.name);
      if (!file) return reply.status(404).send({ code: 'NOT_FOUND', message: '文件不存在' });
      return reply.headers({ 'content-type': file.type, 'cache-control': 'no-cache' }).send(file.body);
    },
  );
  registerStaffPages(app, deps);
  registerPublicPages(app, deps);
}
