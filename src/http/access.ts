import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../auth/auth.service.js';
import { hasAnyRole, type Actor, type Role } from '../auth/roles.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'anju_session';

/** Each route states who may call it; a route that states nothing is refused at start-up. */
export type Access = 'public' | 'session' | readonly Role[];

/** One registered route and the rule it declared; plugin routes (the OpenAPI UI) count as public. */
export interface AccessRule {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route's access rule, filled as routes register: the access matrix test reads it. */
    accessRules: AccessRule[];
  }
  interface FastifyRequest {
    actor: (Actor & { displayName: string }) | null;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}

// Routes that plugins add for themselves (the OpenAPI UI) are public by nature.
const pluginRoutePrefixes = ['/docs'];

export function installAccessControl(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  const rules: AccessRule[] = [];
  app.decorate('accessRules', rules);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined && !pluginRoutePrefixes.some((p) => route.url.startsWith(p))) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) rules.push({ method, url: route.url, access: access ?? 'public' });
  });

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'public';
    const token = request.cookies[SESSION_COOKIE];
    // Scripts and styles need no session: spare the lookup on every asset a page loads.
    if (token && !request.url.startsWith('/static/')) request.actor = await resolveSession(deps, token);
    if (access === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录，或登录已过期');
    if (access !== 'session' && !hasAnyRole(request.actor, access)) {
      throw new AppError('FORBIDDEN', '当前账号无权执行此操作');
    }
  });
}
