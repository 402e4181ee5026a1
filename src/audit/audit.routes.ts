import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, typed } from '../http/zod-app.js';
import type { Actor } from '../shared/roles.js';
import { verifyAuditAnchored } from './anchor-verify.service.js';
import { auditQuery, auditRowList, chainVerificationView, verifyQuery } from './audit.schemas.js';
import { listAudit } from './audit.service.js';
import { parseCheckpointArg } from './checkpoint.js';

/** What of the log a manager reads: an administrator all of it, a supervisor the rows of the projects they serve. */
const auditScope = (actor: Actor) => (actor.roles.includes('admin') ? 'all' : (actor.projects ?? 'all'));

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const managers = allow('admin', 'supervisor');

  r.get(
    '/api/audit',
    {
      config: managers,
      schema: {
        tags: ['audit'],
        summary: '审计日志（新到旧）',
        querystring: auditQuery,
        response: { 200: auditRowList },
      },
    },
    async (request) =>
      (await listAudit(deps.db, { ...request.query, projects: auditScope(requireActor(request)) })).map((row) => ({
        ...row,
        before: parseJson(row.beforeJson),
        after: parseJson(row.afterJson),
      })),
  );

  r.get(
    '/api/audit/verify',
    {
      config: managers,
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链（可带已公布的锚点 checkpoint=<序号>:<哈希>）',
        querystring: verifyQuery,
        response: { 200: chainVerificationView },
      },
    },
    async (request) => {
      const given = request.query.checkpoint;
      const report = await verifyAuditAnchored(
        deps,
        given === undefined ? undefined : (parseCheckpointArg(given) ?? undefined),
      );
      return {
        ok: report.ok,
        rowsChecked: report.rowsChecked,
        lastSeq: report.lastSeq,
        checkpointsChecked: report.checkpointsChecked,
        firstBrokenSeq: report.firstBrokenSeq,
        message:
          report.problems[0] ?? `审计链完整，共 ${report.rowsChecked} 条；${report.checkpointsChecked} 个锚点相符`,
        problems: report.problems,
      };
    },
  );
}
