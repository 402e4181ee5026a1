import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.js';

/** Hall screen, sales board, residents' pages: filled in by the public pages work. */
export function registerPublicPages(_app: FastifyInstance, _deps: AppDeps): void {}
