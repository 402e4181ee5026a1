import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/deps.js';
import type { Access } from '../../../src/http/access.js';
import { createTestApp, type TestApp } from '../test-app.js';

/** A JSON Schema node as `z.toJSONSchema` writes it; only the keywords the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export type RequestPart = 'params' | 'querystring' | 'body' | 'headers';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  parts: Partial<Record<RequestPart, JsonSchema>>;
  /** The body is a raw file (sheet, scan, PDF), not JSON. */
  rawBody: boolean;
}

export interface FuzzApp extends TestApp {
  routes: RouteSpec[];
}

const parts: RequestPart[] = ['params', 'querystring', 'body', 'headers'];

function toSpecs(route: RouteOptions): RouteSpec[] {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const specParts: RouteSpec['parts'] = {};
  for (const part of parts) {
    const zodSchema = schema[part];
    if (zodSchema instanceof z.ZodType)
      specParts[part] = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  }
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
    (m) => m !== 'HEAD' && m !== 'OPTIONS',
  );
  return methods.map((method) => ({
    method: method as RouteSpec['method'],
    url: route.url,
    access: route.config?.access ?? 'public',
    parts: specParts,
    rawBody: 'consumes' in schema,
  }));
}

/**
 * The real app (buildApp, real database) with the schema of every route it registers. Fastify
 * announces each new instance on the `fastify.initialization` diagnostics channel; an `onRoute`
 * hook added there sees every route buildApp adds, without a hook point in the app itself.
 */
export async function createFuzzApp(env: Record<string, string> = {}): Promise<FuzzApp> {
  const routes: RouteSpec[] = [];
  const channel = diagnostics.channel('fastify.initialization');
  const watch = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/docs')) routes.push(...toSpecs(route));
    });
  };
  const build = async (deps: AppDeps) => {
    channel.subscribe(watch);
    try {
      // FUZZ_LOG=1 prints the server's own account of a 500, which the answer rightly hides.
      return await buildApp(deps, process.env.FUZZ_LOG === '1' ? { logger: { level: 'error' } } : {});
    } finally {
      channel.unsubscribe(watch);
    }
  };
  return { ...(await createTestApp({ env, build })), routes };
}
