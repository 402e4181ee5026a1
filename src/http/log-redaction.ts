import type { FastifyRequest } from 'fastify';
import { maskIdNumber } from '../shared/id-number.js';

// Eighteen-character resident ID numbers, also inside longer text (a search query, an SQL error's detail).
const ID_NUMBER_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** The text with every full ID number masked the way public outputs mask them. */
export const redactIdNumbers = (text: string): string => text.replace(ID_NUMBER_LIKE, (id) => maskIdNumber(id.toUpperCase()));


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
