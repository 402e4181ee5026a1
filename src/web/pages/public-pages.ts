import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { publicResults, publicUnits } from '../../allocation/round-views.service.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { publicRoute, typed } from '../../http/zod-app.js';
import { html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';
import { gongshiPage } from './public-gongshi.js';
import { boardPage, hallPage } from './public-screens.js';

const roundParam = z.object({ roundId: z.string().min(1).max(64) });

// A small house mark, so browsers asking for /favicon.ico get an icon rather than a 404.
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 3 2 15h4v14h20V15h4z" fill="#0b5cad"/><rect x="13" y="19" width="6" height="10" fill="#fff"/></svg>`;

function notFoundPage(reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .send(
      layout(
        { title: '未找到' },
        html`<h1>未找到选房轮次</h1><p class="message error" role="alert">${error.message}。请核对网址，或向现场工作人员询问。</p>`,
      ),
    );
}

/** Hall screen, sales board and the 公示 page: public, read-only, no personal data beyond masked names. */
export function registerPublicPages(app: FastifyInstance, deps: AppDeps): void {
  const r = typed(app);
  const schema = { hide: true, params: roundParam };

  r.get('/favicon.ico', { config: publicRoute, schema: { hide: true } }, async (_request, reply) =>
    reply.headers({ 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' }).send(FAVICON),
  );

  r.get('/hall/:roundId', { config: publicRoute, schema }, async (request, reply) => {
    try {
      const { project, round } = await publicUnits(deps, request.params.roundId);
      return reply.type('text/html; charset=utf-8').send(hallPage(request.params.roundId, project, round));
    } catch (error) {
      return notFoundPage(reply, error);
    }
  });

  r.get('/board/:roundId', { config: publicRoute, schema }, async (request, reply) => {
    try {
      const { project, round } = await publicUnits(deps, request.params.roundId);
      return reply.type('text/html; charset=utf-8').send(boardPage(request.params.roundId, project, round));
    } catch (error) {
      return notFoundPage(reply, error);
    }
  });

  r.get('/gongshi/:roundId', { config: publicRoute, schema }, async (request, reply) => {
    try {
      const results = await publicResults(deps, request.params.roundId);
      return reply
        .type('text/html; charset=utf-8')
        .send(gongshiPage(request.params.roundId, results, deps.clock.now()));
    } catch (error) {
      return notFoundPage(reply, error);
    }
  });
}
