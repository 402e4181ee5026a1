import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { PerAddressCounter } from '../http/connection-limits.js';
import { idParam, publicRoute, typed } from '../http/zod-app.js';
import { publicResultsView } from './allocation.schemas.js';
import { drawNoticeSchema, drawVerifierUrl } from './draw-notice.js';
import { renderDrawVerifierPage } from './draw-verifier-page.js';
import { renderDrawNoticePage, renderResultsPage } from './notice-page.js';
import { registerPublicUnitRoutes } from './public-units.routes.js';
import { drawNotice, publicResults, publicResultsXlsx, queueState } from './round-views.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEARTBEAT_MS = 15_000;

/** What the hall screen, the notice board and anyone verifying a draw may read without a login. */
export function registerPublicRoundRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const tags = ['public'];
  registerPublicUnitRoutes(app, deps);

  r.get(
    '/public/rounds/:id/notice.json',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: '摇号公示（验证用 JSON，可交 npm run draw:verify 复算）',
        params: idParam,
        response: { 200: drawNoticeSchema },
      },
    },
    async (request, reply) => {
      // Found first: only a real round's id goes into the header, never whatever the path held.
      const notice = await drawNotice(deps, request.params.id);
      reply.header('content-disposition', `attachment; filename="notice-${request.params.id}.json"`);
      return notice;
    },
  );

  r.get(
    '/public/rounds/:id/notice',
    { config: publicRoute, schema: { tags, summary: '摇号公示（可打印页面）', params: idParam } },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          renderDrawNoticePage(
            await drawNotice(deps, request.params.id),
            drawVerifierUrl(deps.config.ANJU_PUBLIC_URL, request.params.id),
          ),
        ),
  );

  r.get(
    '/public/rounds/:id/verify',
    { config: publicRoute, schema: { tags, summary: '摇号核验页面（在浏览器中复算）', params: idParam } },
    async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderDrawVerifierPage(await drawNotice(deps, request.params.id))),
  );

  r.get(
    '/public/rounds/:id/results',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: '选房结果公示（姓名脱敏）',
        params: idParam,
        response: { 200: publicResultsView },
      },
    },
    async (request) => publicResults(deps, request.params.id),
  );

  r.get(
    '/public/rounds/:id/results/page',
    { config: publicRoute, schema: { tags, summary: '选房结果公示（可打印页面）', params: idParam } },
    async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderResultsPage(await publicResults(deps, request.params.id))),
  );

  r.get(
    '/public/rounds/:id/results.xlsx',
    { config: publicRoute, schema: { tags, summary: '选房结果公示 .xlsx', params: idParam } },
    async (request, reply) =>
      reply
        .headers({
          'content-type': XLSX_TYPE,
          'content-disposition': `attachment; filename="results.xlsx"; filename*=UTF-8''${encodeURIComponent('选房结果公示')}.xlsx`,
        })
        .send(await publicResultsXlsx(deps, request.params.id)),
  );

  // Server-sent events: the hall screen and the desks follow flats and turns as they change.
  const openStreams = new Set<() => void>();
  // preClose, not onClose: the server waits for open connections before onClose hooks run, so a
  // connected hall screen would otherwise keep close() (and a graceful shutdown) waiting forever.
  app.addHook('preClose', async () => {
    for (const close of openStreams) close();
  });
  const streamsByAddress = new PerAddressCounter(deps.config.ANJU_MAX_STREAMS_PER_ADDRESS);
  r.get(
    '/public/rounds/:id/events',
    { config: publicRoute, schema: { tags, summary: '实时事件流（SSE）：房源状态与当前选房户', params: idParam } },
    async (request, reply) => {
      const roundId = request.params.id;
      if (!streamsByAddress.take(request.ip)) {
        throw new AppError(
          'RATE_LIMITED',
          `同一地址打开的实时画面过多（最多 ${deps.config.ANJU_MAX_STREAMS_PER_ADDRESS} 个），请关闭不用的页面后再试`,
          { field: 'roundId' },
        );
      }
      let released = false;
      const release = () => {
        if (!released) streamsByAddress.release(request.ip);
        released = true;
      };
      reply.raw.once('close', release);
      const snapshotOf = async () => {
        const queue = await queueState(deps, roundId);
        return {
          roundId: queue.roundId,
          status: queue.status,
          position: queue.next?.position ?? null,
          householdCode: queue.next?.code ?? null,
          batch: queue.currentBatch,
          unitsLeft: queue.unitsLeft,
          serving: queue.serving.map((s) => s.position ?? 0),
          passed: queue.passed.map((p) => ({ position: p.position ?? 0, reason: p.reason })),
        };
      };
      const first = await snapshotOf().catch((err: unknown) => {
        release();
        throw err;
      });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) => {
        // A snapshot computed for a gap may finish after the screen left.
        if (!raw.writableEnded && !raw.destroyed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      send('snapshot', first);
      // Screens reload on every snapshot, the way they do when their own connection comes back.
      const resend = () =>
        snapshotOf().then(
          (snapshot) => send('snapshot', snapshot),
          (err: unknown) => request.log.warn({ err }, 'snapshot after an event gap failed'),
        );
      const unsubscribe = deps.events.subscribe(roundId, (event) =>
        event.type === 'resync' ? void resend() : send(event.type, event),
      );
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(close);
      };
      const close = () => {
        stop();
        raw.end();
      };
      openStreams.add(close);
      request.raw.on('close', stop);
    },
  );
}
