import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE, requireActor } from '../http/access.js';
import { FixedWindowLimiter } from '../http/rate-limit.js';
import { anySession, publicRoute, typed } from '../http/zod-app.js';
import { login, logout } from './auth.service.js';
import { roles } from './roles.js';

const staffOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
});

const LOGIN_WINDOW_MS = 15 * 60_000;
// Failures only: a hall full of desks behind one address logs in many times without a mistake.
const FAILURES_PER_USERNAME = 10;
const FAILURES_PER_IP = 30;

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const failuresPerUsername = new FixedWindowLimiter(FAILURES_PER_USERNAME, LOGIN_WINDOW_MS, deps.clock);
  const failuresPerIp = new FixedWindowLimiter(FAILURES_PER_IP, LOGIN_WINDOW_MS, deps.clock);
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
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ staff: staffOut, expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const usernameKey = request.body.username.toLowerCase();
      if (failuresPerUsername.blocked(usernameKey) || failuresPerIp.blocked(request.ip)) {
        throw new AppError('RATE_LIMITED', '登录失败次数过多，请 15 分钟后再试，或请系统管理员核实账号');
      }
      const result = await login(deps, request.body).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') {
          failuresPerUsername.hit(usernameKey);
          failuresPerIp.hit(request.ip);
        }
        throw error;
      });
      // Always a fresh token: a cookie the browser brought along (perhaps planted) is never adopted, and it ends here.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await logout(deps, previous);
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
