import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { hasNul } from '../shared/text.js';

const partPrefix = { params: 'path.', query: 'query.', body: '' } as const;

export type BodyProblem = { kind: 'nul'; field: string } | { kind: 'depth' };

/**
 * The first string (or key) holding a NUL character, by dotted field, or nesting deeper than
 * `maxDepth`. Walked with an explicit stack: a body of 100,000 nested arrays must not overflow
 * the call stack (it did, as a 500). Raw uploads are bytes, not text.
 */
export function bodyProblem(value: unknown, maxDepth: number): BodyProblem | null {
  const stack: { value: unknown; at: string; depth: number }[] = [{ value, at: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: item, at, depth } = stack.pop() as { value: unknown; at: string; depth: number };
    if (typeof item === 'string') {
      if (hasNul(item)) return { kind: 'nul', field: at || '(root)' };
      continue;
    }
    if (item === null || typeof item !== 'object' || Buffer.isBuffer(item)) continue;
    if (depth >= maxDepth) return { kind: 'depth' };
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const field = at ? `${at}.${key}` : key;
      if (hasNul(key)) return { kind: 'nul', field };
      stack.push({ value: child, at: field, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * No text the service keeps may hold NUL: PostgreSQL cannot store it (SQLite can), so the same
 * request would be a 500 on one database and accepted on the other. Refused at the door, by field,
 * as is a body nested deeper than any the API takes.
 */
export function refuseNulCharacters(app: FastifyInstance, maxDepth: number): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const problem = bodyProblem(request[part], maxDepth);
      if (problem?.kind === 'depth')
        throw new AppError('VALIDATION_FAILED', `请求内容嵌套过深（超过 ${maxDepth} 层），请检查提交的数据`, {
          field: part,
        });
      if (problem) {
        const name = `${partPrefix[part]}${problem.field}`.replace(/\.\(root\)$/, '');
        throw new AppError('VALIDATION_FAILED', `输入有误：${name} 含有不可见的空字符（NUL），请删除后重试`, {
          field: name,
        });
      }
    }
  });
}
