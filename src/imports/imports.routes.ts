import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { exportHouseholds, exportUnits } from './exports.service.js';
import { importQuery, importReport, XLSX_TYPE } from './imports.schemas.js';
import { importHouseholds, importUnits } from './imports.service.js';

export function registerImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  // The sheet is the raw request body: .xlsx, or .csv in UTF-8 or GB18030.
  for (const type of [XLSX_TYPE, 'text/csv', 'application/octet-stream']) {
    app.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: deps.config.ANJU_IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
  const r = typed(app);
  const managers = allow('admin', 'supervisor');
  const upload = {
    description: `表格文件本身作为请求体（Content-Type: ${XLSX_TYPE} 或 text/csv）`,
    consumes: [XLSX_TYPE, 'text/csv'],
  };
  const bodyOf = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  const sheetImports = [
    { kind: 'households', summary: '导入安置户及家庭成员（.xlsx / .csv）', run: importHouseholds },
    { kind: 'units', summary: '导入房源（.xlsx / .csv）', run: importUnits },
  ];
  for (const { kind, summary, run } of sheetImports) {
    r.post(
      `/api/projects/:id/imports/${kind}`,
      {
        config: managers,
        schema: {
          tags: ['imports'],
          summary,
          ...upload,
          params: idParam,
          querystring: importQuery,
          response: { 200: importReport },
        },
      },
      async (request) =>
        run(deps, requireActor(request), request.params.id, {
          buffer: bodyOf(request.body),
          contentType: request.headers['content-type'],
          dryRun: request.query.dryRun,
        }),
    );
  }

  const sendXlsx = (asciiName: string, name: string) => ({
    'content-type': XLSX_TYPE,
    'content-disposition': `attachment; filename="${asciiName}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`,
  });

  r.get(
    '/api/projects/:id/exports/households.xlsx',
    { config: managers, schema: { tags: ['imports'], summary: '导出安置户花名册 .xlsx', params: idParam } },
    async (request, reply) =>
      reply.headers(sendXlsx('households', '安置户花名册')).send(await exportHouseholds(deps, request.params.id)),
  );

  r.get(
    '/api/projects/:id/exports/units.xlsx',
    { config: managers, schema: { tags: ['imports'], summary: '导出房源表 .xlsx', params: idParam } },
    async (request, reply) =>
      reply.headers(sendXlsx('units', '房源表')).send(await exportUnits(deps, request.params.id)),
  );
}
