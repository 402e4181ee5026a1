import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { hasNul } from '../shared/text.js';

const partPrefix = { params: 'path.', query: 'query.', body: '' } as const;

/** The dotted field of the first string holding a NUL character, or null; raw uploads are bytes, not text. */
export function fieldWithNul(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return hasNul(value) ? at || '(root)' : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (hasNul(key)) return at ? `${at}.${key}` : key;
    const found = fieldWithNul(item, at ? `${at}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * No text the service keeps may hold NUL: PostgreSQL cannot store it (SQLite can), so the same
 * request would be a 500 on one database and accepted on the other. Refused at the door, by field.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const field = fieldWithNul(request[part]);
      if (field) {
        const name = `${partPrefix[part]}${field}`.replace(/\.\(root\)$/, '');
        throw new AppError('VALIDATION_FAILED', `输入有误：${name} 含有不可见的空字符（NUL），请删除后重试`, { field: name });
      }
    }
  });
}
