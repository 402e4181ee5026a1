import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { allow, typed } from '../http/zod-app.js';
import type { Actor } from '../shared/roles.js';
import { verifyAuditAnchored } from './anchor-verify.service.js';
import { listAudit } from './audit.service.js';
import { parseCheckpointArg } from './checkpoint.js';

/** What of the log a manager reads: an administrator all of it, a supervisor the rows of the projects they serve. */
const auditScope = (actor: Actor) => (actor.roles.includes('admin') ? 'all' : (actor.projects ?? 'all'));

const auditRow = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  projectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

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
        querystring: z.object({
          entityType: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          projectId: z.string().max(64).optional(),
          // seq is a 32-bit integer column: a larger bound would be a database error on PostgreSQL.
          beforeSeq: z.coerce.number().int().positive().max(2_147_483_647).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(auditRow) },
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
        querystring: z.object({
          checkpoint: z
            .string()
            .max(80)
            .refine((text) => parseCheckpointArg(text) !== null, '锚点格式应为 <序号>:<哈希>（哈希至少 16 位十六进制）')
            .optional(),
        }),
        response: {
          200: z.object({
            ok: z.boolean(),
            rowsChecked: z.number(),
            lastSeq: z.number(),
            checkpointsChecked: z.number(),
            firstBrokenSeq: z.number().nullable(),
            message: z.string(),
            problems: z.array(z.string()),
          }),
        },
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
