import { createServer } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAgreementRoutes } from './agreements/agreements.routes.js';
import { registerPublicAgreementRoutes } from './agreements/public-agreements.routes.js';
import { registerAllocationRoutes } from './allocation/allocation.routes.js';
import { registerPublicRoundRoutes } from './allocation/public.routes.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { probeAuditHead } from './audit/audit.service.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { projectOfPathEntity, resolveSession } from './auth/auth.service.js';
import { registerBuildingRoutes } from './buildings/buildings.routes.js';
import { registerCheckinRoutes } from './checkin/checkin.routes.js';
import { registerDoorRoutes } from './checkin/door.routes.js';
import { registerHallRoutes } from './checkin/hall.routes.js';
import { registerTurnRoutes } from './checkin/turns.routes.js';
import type { AppDeps } from './deps.js';
import { registerHouseholdRoutes } from './households/households.routes.js';
import { installAccessControl } from './http/access.js';
import { capConnectionsPerAddress } from './http/connection-limits.js';
import { answerFrameworkError, installErrorHandling } from './http/error-handler.js';
import { requestLogSerializers } from './http/log-redaction.js';
import { installWebSecurity, setBaselineHeaders } from './http/security.js';
import { registerImportRoutes } from './imports/imports.routes.js';
import { registerProjectRoutes } from './projects/projects.routes.js';
import { registerClosingReportRoutes } from './reports/closing-report.routes.js';
import { registerStaffRoutes } from './staff/staff.routes.js';
import { registerWebRoutes } from './web/web.routes.js';

// Every zod message the staff may see is in Simplified Chinese.
z.config(z.locales.zhCN());

export interface AppOptions {
  logger?: boolean | { level: string };
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger ?? false;
  const app = Fastify({
    logger: typeof logger === 'object' ? { ...logger, serializers: requestLogSerializers } : logger,
    // JSON bodies are small; the upload routes' parsers set their own, larger limits.
    bodyLimit: deps.config.ANJU_JSON_MAX_BYTES,
    trustProxy: false,
    // Headers and body must arrive within the request timeout (Node's default is five minutes,
    // Fastify's never), checked every second rather than Node's default of every 30 s.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: deps.config.ANJU_REQUEST_TIMEOUT_MS,
          connectionsCheckingInterval: Math.min(1000, deps.config.ANJU_REQUEST_TIMEOUT_MS / 2),
        },
        handler,
      ),
    frameworkErrors: (error, request, reply) => {
      setBaselineHeaders(reply);
      answerFrameworkError(error, request, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  capConnectionsPerAddress(app, deps.config.ANJU_MAX_CONNECTIONS_PER_ADDRESS);
  await app.register(fastifyCookie);
  installErrorHandling(app, deps.config.ANJU_JSON_MAX_DEPTH);
  installWebSecurity(app, deps.config);
  installAccessControl(app, {
    actorOfSession: (token) => resolveSession(deps, token),
    projectOf: (scope, id) => projectOfPathEntity(deps, scope, id),
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Anju 安居 API', description: '安置房分配系统接口', version: '1.0.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anju_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });

  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await probeAuditHead(deps.db);
    return { status: 'ok', database: deps.dialect };
  });

  const modules = [
    registerAuthRoutes,
    registerStaffRoutes,
    registerAuditRoutes,
    registerClosingReportRoutes,
    registerProjectRoutes,
    registerBuildingRoutes,
    registerHouseholdRoutes,
    registerImportRoutes,
    registerAllocationRoutes,
    registerPublicRoundRoutes,
    registerCheckinRoutes,
    registerDoorRoutes,
    registerTurnRoutes,
    registerHallRoutes,
    registerAgreementRoutes,
    registerPublicAgreementRoutes,
    registerWebRoutes,
  ];
  for (const register of modules) {
    await app.register(async (scope) => register(scope, deps));
  }
  return app;
}
