import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../shared/roles.js';
import type { Access } from './access.js';

export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
});

export const idParam = z.object({ id: z.string().min(1).max(64) });

/** The responses of a route that answers 204 with no body. */
export const noContent = { 204: z.null() };

/** Route config for the given roles (admin always passes). */
export const allow = (...roles: Role[]): { access: Access } => ({ access: roles });
export const publicRoute = { access: 'public' } as const satisfies { access: Access };
export const anySession = { access: 'session' } as const satisfies { access: Access };
