import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { requireActor } from '../http/access.js';
import { acceptRawBodies, SCAN_TYPES } from '../http/raw-upload.js';
import { allow, idParam, typed } from '../http/zod-app.js';
import { fullIdNumberReaders } from '../shared/masking.js';
import { anyStaff } from '../shared/roles.js';
import {
  agreementListQuery,
  agreementListView,
  agreementSummaryView,
  printJobView,
  regenerateInput,
} from './agreements.schemas.js';
import {
  agreementPdf,
  agreementSummary,
  regenerateAgreement,
  requireAgreement,
  roundAgreements,
  signedCopyBytes,
  uploadSignedCopy,
} from './agreements.service.js';
import { startBatchPrint } from './batch-print.service.js';

export function registerAgreementRoutes(app: FastifyInstance, deps: AppDeps): void {
  acceptRawBodies(app, SCAN_TYPES, deps.config.ANJU_SIGNED_COPY_MAX_BYTES);
  const r = typed(app);
  const tags = ['agreements'];
  const staff = allow(...anyStaff);
  const signers = allow('supervisor', 'signing_clerk');
  // The paper and its signed scan print the head's full ID number.
  const paperReaders = allow(...fullIdNumberReaders('agreement'));

  r.get(
    '/api/rounds/:id/agreements',
    {
      config: staff,
      schema: {
        tags,
        summary: '本轮协议列表（includeVoided=true 含已作废的）',
        params: idParam,
        querystring: agreementListQuery,
        response: { 200: agreementListView },
      },
    },
    async (request) =>
      (await roundAgreements(deps, request.params.id, request.query.includeVoided === 'true')).map(agreementSummary),
  );
  r.get(
    '/api/agreements/:id',
    { config: staff, schema: { tags, summary: '协议详情', params: idParam, response: { 200: agreementSummaryView } } },
    async (request) => agreementSummary(await requireAgreement(deps, request.params.id)),
  );
  r.get(
    '/api/agreements/:id/pdf',
    { config: paperReaders, schema: { tags, summary: '协议 PDF（首次生成后每次返回同一文件）', params: idParam } },
    async (request, reply) => {
      const agreement = await requireAgreement(deps, request.params.id);
      const pdf = await agreementPdf(deps, requireActor(request), agreement);
      return reply
        .headers({
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="${agreement.number}.pdf"`,
          etag: `"${pdf.sha256}"`,
        })
        .send(pdf.bytes);
    },
  );
  r.post(
    '/api/agreements/:id/regenerate',
    {
      config: allow('supervisor'),
      schema: {
        tags,
        summary: '重新生成协议（原编号作废，须填写原因）',
        params: idParam,
        body: regenerateInput,
        response: { 200: agreementSummaryView },
      },
    },
    async (request) =>
      agreementSummary(await regenerateAgreement(deps, requireActor(request), request.params.id, request.body.reason)),
  );
  r.post(
    '/api/agreements/:id/signed-copy',
    {
      config: signers,
      schema: {
        tags,
        summary: '上传签字协议扫描件（PDF/JPEG/PNG，按内容识别类型；页数不得少于协议，多页协议不收单张照片）',
        params: idParam,
        consumes: SCAN_TYPES,
        response: { 200: agreementSummaryView },
      },
    },
    async (request) =>
      agreementSummary(
        await uploadSignedCopy(
          deps,
          requireActor(request),
          request.params.id,
          Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        ),
      ),
  );
  r.get(
    '/api/agreements/:id/signed-copy',
    { config: paperReaders, schema: { tags, summary: '签字件', params: idParam } },
    async (request, reply) => {
      const file = await signedCopyBytes(deps, await requireAgreement(deps, request.params.id));
      if (!file) return reply.status(404).send({ code: 'NOT_FOUND', message: '尚未上传签字件' });
      return reply.type(file.contentType).send(file.bytes);
    },
  );
  r.post(
    '/api/rounds/:id/agreements/print',
    {
      config: allow('supervisor'),
      schema: {
        tags,
        summary: '批量生成本轮全部协议（zip），返回任务',
        params: idParam,
        response: { 202: printJobView },
      },
    },
    async (request, reply) => {
      const started = startBatchPrint(deps, requireActor(request), request.params.id);
      return reply.status(202).send({ ...started });
    },
  );
  r.get(
    '/api/print-jobs/:id',
    {
      config: allow('supervisor'),
      schema: { tags, summary: '批量打印进度', params: idParam, response: { 200: printJobView } },
    },
    async (request) => ({ ...deps.printJobs.get(request.params.id) }),
  );
  r.get(
    '/api/print-jobs/:id/file',
    { config: allow('supervisor'), schema: { tags, summary: '批量打印结果（zip）', params: idParam } },
    async (request, reply) => {
      const done = deps.printJobs.get(request.params.id);
      if (!done.file)
        return reply.status(409).send({
          code: 'CONFLICT',
          message: done.status === 'failed' ? (done.error ?? '任务失败') : `尚未完成：${done.done}/${done.total}`,
        });
      return reply
        .headers({
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="agreements-${done.roundId}.zip"`,
        })
        .send(done.file);
    },
  );
}
