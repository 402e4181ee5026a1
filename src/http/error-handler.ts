import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForeignKeyViolation, isUniqueViolation } from '../db/db-errors.js';
import { AppError, type ErrorCode, type FieldIssue } from '../errors.js';
import { refuseNulCharacters } from './nul-guard.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  issues?: FieldIssue[];
  details?: Record<string, unknown>;
  requestId?: string;
}

const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容超过该接口允许的大小' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容为空，应为 JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: '请求声明的长度与实际内容不符' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '网址中含有无法识别的字符' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'BAD_REQUEST', message: '网址中的编号过长' },
};

const locationLabel: Record<string, string> = { body: '', querystring: 'query.', params: 'path.', headers: 'header.' };

function toBody(error: FastifyError | AppError | Error): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.field) body.field = error.field;
    if (error.issues) body.issues = error.issues;
    if (error.details) body.details = error.details;
    return { status: error.status, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = locationLabel[error.validationContext ?? 'body'] ?? '';
    const issues = error.validation.map((v) => ({
      field: `${prefix}${v.instancePath.slice(1).replaceAll('/', '.')}`.replace(/\.$/, '') || '(root)',
      message: v.message ?? '无效',
    }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: `输入有误：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`,
        ...(first ? { field: first.field } : {}),
        issues,
      },
    };
  }
  if (isUniqueViolation(error)) {
    return { status: 409, body: { code: 'DUPLICATE', message: '与已有记录重复，操作未执行' } };
  }
  if (isForeignKeyViolation(error)) {
    return { status: 409, body: { code: 'CONFLICT', message: '引用的记录不存在或已被删除，操作未执行' } };
  }
  const fastifyCode = 'code' in error && typeof error.code === 'string' ? fastifyCodes[error.code] : undefined;
  const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (fastifyCode) return { status: statusCode, body: { ...fastifyCode } };
  if (statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: { code: 'BAD_REQUEST', message: '请求无法处理，请检查输入' } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试；如持续出现请联系管理员' } };
}

/**
 * The router refuses an undecodable URL or an overlong path parameter before any error handler
 * runs; Fastify hands those to this option of its constructor instead.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toBody(error);
  void reply.status(status).send(body);
}

export function installErrorHandling(app: FastifyInstance, maxJsonDepth: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toBody(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      body.requestId = request.id;
    }
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` }),
  );
  refuseNulCharacters(app, maxJsonDepth);
}
