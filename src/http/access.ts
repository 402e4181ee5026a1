import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession } from '../auth/auth.service.js';
import { projectOfEntity, type ScopeKind } from '../auth/project-scope.repo.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { type Actor, hasAnyRole, type Role, servesProject } from '../shared/roles.js';

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

/**
 * What a staff route's `:id` names, read from its path: every such route is checked against the
 * caller's projects by construction, none by remembering to. Other ids (staff accounts) name no project.
 */
const scopeBySegment: Record<string, ScopeKind | 'printJob'> = {
  projects: 'project',
  rounds: 'round',
  households: 'household',
  workflows: 'workflow',
  agreements: 'agreement',
  selections: 'selection',
  forfeits: 'forfeit',
  'print-jobs': 'printJob',
};
export const scopeOfUrl = (url: string): ScopeKind | 'printJob' | null => {
  const match = /^\/api\/([a-z-]+)\/:id(\/|$)/.exec(url);
  return match ? (scopeBySegment[match[1] ?? ''] ?? null) : null;
};

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
    const scope = scopeOfUrl(request.routeOptions.url ?? '');
    const id = (request.params as Record<string, string | undefined>).id;
    if (scope && id && request.actor.projects !== 'all' && !request.actor.roles.includes('admin')) {
      const roundOfJob = scope === 'printJob' ? deps.printJobs.find(id)?.roundId : undefined;
      const projectId =
        scope === 'printJob'
          ? roundOfJob && (await projectOfEntity(deps.db, 'round', roundOfJob))
          : await projectOfEntity(deps.db, scope, id);
      if (projectId && !servesProject(request.actor, projectId))
        throw new AppError('FORBIDDEN', '当前账号未分配到该项目，不能查看或办理该项目的事项');
    }
  });
}
