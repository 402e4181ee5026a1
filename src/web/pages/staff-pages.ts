import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Stage, stages, stageTable } from '../../checkin/stages.js';
import type { AppDeps } from '../../deps.js';
import { publicRoute, typed } from '../../http/zod-app.js';
import { html } from '../../shared/html.js';
import { layout } from '../../shared/layout.js';
import { type Actor, hasAnyRole, managerRoles } from '../../shared/roles.js';
import { sendPage } from '../page-access.js';
import { deskPage } from './staff-desk-page.js';
import { doorPage, ticketPage, ticketPaperKeys } from './staff-door-pages.js';
import { setupPages } from './staff-setup-pages.js';
import { sectionRoles, supervisorPages } from './staff-supervisor-pages.js';

/** Only a path on this site may follow a login: `//host` or `/\host` would leave it. */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login'))
    return '/';
  return next;
}

function loginPage(next: string): string {
  return layout(
    { title: '工作人员登录', bodyClass: 'staff', scripts: ['login.js'] },
    html`<h1>安居 · 工作人员登录</h1>
<form id="login-form" novalidate class="card narrow" method="post" action="/api/auth/login">
  <div id="message" class="message" hidden></div>
  <label for="username">用户名</label>
  <input id="username" name="username" autocomplete="username" required autofocus maxlength="64">
  <label for="password">密码</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
  <input type="hidden" id="next" name="next" value="${next}">
  <p><button type="submit" id="login">登录</button></p>
</form>`,
  );
}

/** The desks this account may work; a supervisor or admin works every desk. */
export function stagesFor(actor: Actor): Stage[] {
  return stages.filter((s) => hasAnyRole(actor, [stageTable[s].role]));
}

/** Where the home page sends an account: the supervisor area, its only desk, or null to show a choice. */
export function homeTarget(actor: Actor): string | null {
  if (hasAnyRole(actor, managerRoles)) return '/supervisor';
  const mine = stagesFor(actor);
  return mine.length === 1 ? `/desk/${mine[0]}` : null;
}

function homePage(actor: Actor): string {
  const mine = stagesFor(actor);
  const links = mine.map((s) => html`<li><a class="button" href="/desk/${s}">${stageTable[s].label}窗口</a></li>`);
  const body = mine.length
    ? html`<p>请选择要办理的窗口：</p><ul class="choices">${links}</ul>`
    : html`<p class="message warn" role="status">此账号没有分配窗口或管理权限，请联系项目管理员。</p>`;
  return layout({ title: '首页', nav: true, bodyClass: 'staff', scripts: ['common.js'] }, html`<h1>首页</h1>${body}`);
}

export function registerStaffPages(app: FastifyInstance, _deps: AppDeps): void {
  const r = typed(app);
  const hidden = { hide: true } as const;

  r.get(
    '/login',
    { config: publicRoute, schema: { ...hidden, querystring: z.object({ next: z.string().max(500).optional() }) } },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(loginPage(safeNext(request.query.next))),
  );

  r.get('/', { config: publicRoute, schema: hidden }, async (request, reply) => {
    const target = request.actor ? homeTarget(request.actor) : null;
    if (target) return reply.redirect(target);
    return sendPage(request, reply, 'any', () => homePage(request.actor as Actor));
  });

  r.get(
    '/desk/:stage',
    { config: publicRoute, schema: { ...hidden, params: z.object({ stage: z.string().max(40) }) } },
    async (request, reply) => {
      const stage = stages.find((s) => s === request.params.stage);
      if (!stage) {
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(
            layout(
              { title: '页面不存在', nav: true, scripts: ['common.js'] },
              html`<h1>页面不存在</h1><p class="message error" role="alert">没有这个窗口。</p><p><a href="/">返回首页</a></p>`,
            ),
          );
      }
      return sendPage(request, reply, [stageTable[stage].role, 'supervisor'], () => deskPage(stage));
    },
  );

  const doorRoles = sectionRoles('/door');
  r.get('/door', { config: publicRoute, schema: hidden }, async (request, reply) =>
    sendPage(request, reply, doorRoles, () => doorPage(hasAnyRole(request.actor as Actor, ['supervisor']))),
  );
  r.get(
    '/door/tickets/:id',
    {
      config: publicRoute,
      schema: {
        ...hidden,
        params: z.object({ id: z.string().max(64) }),
        querystring: z.object({ paper: z.enum(ticketPaperKeys).catch('58') }),
      },
    },
    async (request, reply) => sendPage(request, reply, doorRoles, () => ticketPage(request.query.paper)),
  );

  for (const page of [...supervisorPages, ...setupPages]) {
    r.get(page.path, { config: publicRoute, schema: hidden }, async (request, reply) =>
      sendPage(request, reply, sectionRoles(page.path), page.html),
    );
  }
}
