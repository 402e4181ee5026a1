import type { FastifyRequest } from 'fastify';
import { scrubForLog } from '../shared/masking.js';

/**
 * Log lines are kept and shipped where staff rights do not reach: a household search by ID
 * number (?q=…) or a database error quoting a row must not put a full ID or mobile number there.
 */
export const requestLogSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: scrubForLog(request.url),
    host: request.host,
    remoteAddress: request.ip,
  }),
  err: (error: Error & { code?: unknown }) => ({
    type: error.name,
    message: scrubForLog(error.message),
    stack: scrubForLog(error.stack ?? ''),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
  }),
};
