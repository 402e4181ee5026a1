import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../shared/html.js';
import { layout } from '../shared/layout.js';
import { type Actor, hasAnyRole, type Role, roleLabels } from '../shared/roles.js';

/**
 * Pages check the session themselves: without one they send the browser to the login page (an
 * API answers 401 instead); with the wrong role they show a Chinese refusal, status 403.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  roles: readonly Role[] | 'any',
  page: (viewer: Actor) => string,
) {
  const actor = request.actor;
  if (!actor) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  if (roles !== 'any' && !hasAnyRole(actor, roles)) {
    const needed = roles.map((r) => roleLabels[r]).join('、');
    return reply
      .status(403)
      .type('text/html; charset=utf-8')
      .send(
        layout(
          { title: '无权访问', nav: true, scripts: ['common.js'] },
          html`<h1>无权访问</h1><p class="message error" role="alert">此页面仅限${needed}使用。当前账号：${actor.name}。</p><p><a href="/">返回首页</a></p>`,
        ),
      );
  }
  return reply.type('text/html; charset=utf-8').send(page(actor));
}
