import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { SESSION_COOKIE, requireActor } from '../http/access.js';
import { anySession, publicRoute, typed } from '../http/zod-app.js';
import { login, logout } from './auth.service.js';
import { roles } from './roles.js';

const staffOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
});

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.ANJU_COOKIE_SECURE } as const;

  r.post(
    '/api/auth/login',
    {
      config: publicRoute,
      schema: {
        tags: ['auth'],
        summary: '工作人员登录',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ staff: staffOut, expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await login(deps, request.body);
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase, expires: new Date(result.expiresAt) });
      return { staff: result.staff, expiresAt: result.expiresAt };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: publicRoute, schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(deps, token);
      reply.clearCookie(SESSION_COOKIE, cookieBase);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { config: anySession, schema: { tags: ['auth'], summary: '当前登录账号', response: { 200: staffOut } } },
    async (request) => {
      const actor = requireActor(request);
      return { id: actor.id ?? '', username: actor.name, displayName: request.actor?.displayName ?? '', roles: [...actor.roles] };
    },
  );
}
