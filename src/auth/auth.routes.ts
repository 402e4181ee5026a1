import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor, SESSION_COOKIE } from '../http/access.js';
import { allow, anySession, noContent, publicRoute, typed } from '../http/zod-app.js';
import { clearFailuresInput, loginFailuresView, loginInput, loginView, staffOut } from './auth.schemas.js';
import { logout } from './auth.service.js';
import { clearLoginFailures, guardedLogin, HashGate, LoginDelayed, listLoginFailures } from './login-gate.service.js';

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const gate = new HashGate(deps.config.ANJU_LOGIN_HASHES_PER_ADDRESS, deps.config.ANJU_LOGIN_HASHES_TOTAL);
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.ANJU_COOKIE_SECURE } as const;

  r.post(
    '/api/auth/login',
    {
      // A username and a password: anything larger is not a login, and an anonymous caller must not make the server read megabytes.
      bodyLimit: 4096,
      config: publicRoute,
      schema: {
        tags: ['auth'],
        summary: '工作人员登录',
        body: loginInput,
        response: { 200: loginView },
      },
    },
    async (request, reply) => {
      const result = await guardedLogin(deps, gate, request.body, request.ip).catch((error: unknown) => {
        if (error instanceof LoginDelayed) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      });
      // Always a fresh token: a cookie the browser brought along (perhaps planted) is never adopted, and it ends here.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await logout(deps, previous);
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieBase, expires: new Date(result.expiresAt) });
      return { staff: result.staff, expiresAt: result.expiresAt };
    },
  );

  r.get(
    '/api/auth/login-failures',
    {
      config: allow('admin'),
      schema: {
        tags: ['auth'],
        summary: '登录失败记录（按账号与地址）',
        response: { 200: loginFailuresView },
      },
    },
    async () => listLoginFailures(deps),
  );
  r.post(
    '/api/auth/login-failures/clear',
    {
      config: allow('admin'),
      schema: {
        tags: ['auth'],
        summary: '清除登录失败记录（如 user:demo_supervisor），立即可再登录',
        body: clearFailuresInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await clearLoginFailures(deps, requireActor(request), request.body.subject);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/logout',
    { config: publicRoute, schema: { tags: ['auth'], summary: '退出登录', response: noContent } },
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
      return {
        id: actor.id ?? '',
        username: actor.name,
        displayName: request.actor?.displayName ?? '',
        roles: [...actor.roles],
      };
    },
  );
}
