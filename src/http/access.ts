import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
    actor: SessionActor | null;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}

/** The staff member behind a session, as the routes see it. */
export type SessionActor = Actor & { displayName: string };

/** What a staff route's `:id` names, by the route's first path segment. */
export type PathScope =
  | 'project'
  | 'round'
  | 'household'
  | 'workflow'
  | 'agreement'
  | 'selection'
  | 'forfeit'
  | 'printJob';

/**
 * What the access check asks of the rest of the app; app.ts wires in auth's sessions and project
 * scopes. Handed in rather than imported: every module with routes builds on src/http, auth included.
 */
export interface AccessLookups {
  /** The staff member a session token belongs to, or null when it is unknown, expired or deactivated. */
  actorOfSession(token: string): Promise<SessionActor | null>;
  /** The project of the entity a path names, or undefined when there is none (the route then answers 404). */
  projectOf(scope: PathScope, id: string): Promise<string | undefined>;
}

/**
 * What a staff route's `:id` names, read from its path: every such route is checked against the
 * caller's projects by construction, none by remembering to. Other ids (staff accounts) name no project.
 */
const scopeBySegment: Record<string, PathScope> = {
  projects: 'project',
  rounds: 'round',
  households: 'household',
  workflows: 'workflow',
  agreements: 'agreement',
  selections: 'selection',
  forfeits: 'forfeit',
  'print-jobs': 'printJob',
};
export const scopeOfUrl = (url: string): PathScope | null => {
  const match = /^\/api\/([a-z-]+)\/:id(\/|$)/.exec(url);
  return match ? (scopeBySegment[match[1] ?? ''] ?? null) : null;
};

// Routes that plugins add for themselves (the OpenAPI UI) are public by nature.
const pluginRoutePrefixes = ['/docs'];

export function installAccessControl(app: FastifyInstance, lookups: AccessLookups): void {
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
    if (token && !request.url.startsWith('/static/')) request.actor = await lookups.actorOfSession(token);
    if (access === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录，或登录已过期');
    if (access !== 'session' && !hasAnyRole(request.actor, access)) {
      throw new AppError('FORBIDDEN', '当前账号无权执行此操作');
    }
    const scope = scopeOfUrl(request.routeOptions.url ?? '');
    const id = (request.params as Record<string, string | undefined>).id;
    if (scope && id && request.actor.projects !== 'all' && !request.actor.roles.includes('admin')) {
      const projectId = await lookups.projectOf(scope, id);
      if (projectId && !servesProject(request.actor, projectId))
        throw new AppError('FORBIDDEN', '当前账号未分配到该项目，不能查看或办理该项目的事项');
    }
  });
}
