import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.js';

/** Login, home, desks, supervisor: filled in by the staff pages work. */
export function registerStaffPages(_app: FastifyInstance, _deps: AppDeps): void {}
