import { parse as parseQuery } from 'node:querystring';
import type { FastifyInstance } from 'fastify';
import { drawVerifierUrl } from '../allocation/draw-notice.js';
import { drawNotice } from '../allocation/round-views.service.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { FixedWindowLimiter } from '../http/rate-limit.js';
import { idParam, publicRoute, typed } from '../http/zod-app.js';
import { residentDownloadInput, verifyParams, verifyQuery } from './agreements.schemas.js';
import { NoticePdfCache } from './notice-pdf-cache.js';
import { retrievalPage, verifyPage } from './public-pages.js';
import { renderDrawNoticePdf } from './render-notice.js';
import { matchResident, residentDownload, verifyAgreement, voidedNotice } from './resident.service.js';

const NOT_MATCHED = '协议编号或身份证号后六位不正确，请核对后重试';
const LIMITED = '尝试次数过多，请 15 分钟后再试，或到项目办公室查询';

export function registerPublicAgreementRoutes(app: FastifyInstance, deps: AppDeps): void {
  // A plain HTML form posts urlencoded fields; nothing else on these routes needs a body parser.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, parseQuery(String(body))),
  );
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: deps.config.ANJU_SIGNED_COPY_MAX_BYTES + 1 },
    (_r, body, done) => done(null, body),
  );
  const perIp = new FixedWindowLimiter(20, 15 * 60_000, deps.clock);
  // Failures count per (address, agreement): one address cannot lock other people out of theirs.
  const perAgreement = new FixedWindowLimiter(5, 15 * 60_000, deps.clock);
  // A phone scans a paper once or twice; walking the numbers takes thousands of requests.
  const verifies = new FixedWindowLimiter(deps.config.ANJU_VERIFY_PER_ADDRESS, 15 * 60_000, deps.clock);
  const notices = new NoticePdfCache(32, (notice) =>
    renderDrawNoticePdf(notice, drawVerifierUrl(deps.config.ANJU_PUBLIC_URL, notice.round.id)),
  );
  const r = typed(app);
  const tags = ['public'];

  r.get(
    '/public/agreements',
    { config: publicRoute, schema: { tags, summary: '居民下载协议（页面）' } },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(retrievalPage()),
  );

  r.post(
    '/public/agreements/download',
    {
      config: { ...publicRoute, acceptsHtmlForm: true },
      schema: {
        tags,
        summary: '居民下载协议：协议编号 + 户主身份证号后六位（按 IP 与协议限流）',
        body: residentDownloadInput,
      },
    },
    async (request, reply) => {
      const html = request.headers.accept?.includes('text/html') ?? false;
      const refuse = (status: number, code: string, message: string) =>
        html
          ? reply.status(status).type('text/html; charset=utf-8').send(retrievalPage(message))
          : reply.status(status).send({ code, message });
      const numberKey = `${request.ip} ${request.body.number.trim().toUpperCase()}`;
      if (perIp.blocked(request.ip) || perAgreement.blocked(numberKey)) return refuse(429, 'RATE_LIMITED', LIMITED);
      perIp.hit(request.ip);
      const agreement = await matchResident(deps, request.body.number, request.body.idSuffix);
      if (!agreement) {
        perAgreement.hit(numberKey);
        return refuse(404, 'NOT_FOUND', NOT_MATCHED);
      }
      if (agreement.status === 'voided') return refuse(410, 'AGREEMENT_VOIDED', voidedNotice(agreement));
      const file = await residentDownload(deps, agreement, request.ip);
      return reply
        .headers({
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.filename}"`,
          'cache-control': 'no-store',
        })
        .send(file.bytes);
    },
  );

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/public/verify/')) return;
    if (verifies.blocked(request.ip)) throw new AppError('RATE_LIMITED', LIMITED, { field: 'number' });
    verifies.hit(request.ip);
  });
  r.get(
    '/public/verify/:number',
    {
      config: publicRoute,
      schema: { tags, summary: '协议验证页（二维码指向此处）', params: verifyParams, querystring: verifyQuery },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(verifyPage(await verifyAgreement(deps, request.params.number, request.query.c))),
  );
  r.get(
    '/public/verify/:number/json',
    {
      config: publicRoute,
      schema: { tags, summary: '协议验证（JSON）', params: verifyParams, querystring: verifyQuery },
    },
    async (request) => verifyAgreement(deps, request.params.number, request.query.c),
  );
  r.post(
    '/public/verify/:number/file',
    {
      config: publicRoute,
      schema: { tags, summary: '上传 PDF 与登记原件比对哈希', params: verifyParams, consumes: ['application/pdf'] },
    },
    async (request) =>
      verifyAgreement(
        deps,
        request.params.number,
        undefined,
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      ),
  );

  r.get(
    '/public/rounds/:id/notice.pdf',
    {
      config: publicRoute,
      schema: { tags, summary: '摇号公示 PDF', params: idParam },
    },
    async (request, reply) =>
      reply.type('application/pdf').send(await notices.pdfFor(await drawNotice(deps, request.params.id))),
  );
}
