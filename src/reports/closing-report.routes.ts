import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { closingReportQuery } from './closing-report.schemas.js';
import { closingReportPdf } from './closing-report.service.js';

export function registerClosingReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  r.get(
    '/api/projects/:id/closing-report.pdf',
    {
      config: allow('supervisor'),
      schema: {
        tags: ['audit'],
        summary: '日终报告 PDF：当日各轮次办理数与审计锚点（每次生成均记录锚点并写审计日志）',
        params: idParam,
        querystring: closingReportQuery,
      },
    },
    async (request, reply) => {
      const pdf = await closingReportPdf(deps, requireActor(request), request.params.id, request.query.date);
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="closing-report-${request.query.date}.pdf"`,
          'cache-control': 'no-store',
        })
        .send(pdf);
    },
  );
}
