import type { FastifyRequest } from 'fastify';
import { redactIdNumbers } from '../shared/id-number.js';

/**
 * Log lines are kept and shipped where staff rights do not reach: a household search by ID
 * number (?q=…) or a database error quoting a row must not put a full ID number there.
 */
export const requestLogSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactIdNumbers(request.url),
    host: request.host,
    remoteAddress: request.ip,
  }),
  err: (error: Error & { code?: unknown }) => ({
    type: error.name,
    message: redactIdNumbers(error.message),
    stack: redactIdNumbers(error.stack ?? ''),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
  }),
};
