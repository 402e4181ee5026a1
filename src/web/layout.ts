import { escapeHtml } from '../shared/html.js';

export interface PageOptions {
  title: string;
  /** Module scripts under /static/, e.g. 'desk.js' */
  scripts?: string[];
  /** Extra class on <body>, e.g. 'hall' for the full-screen hall page */
  bodyClass?: string;
  /** Whether to show the staff navigation bar */
  nav?: boolean;
}

/** Every page: our own CSS and scripts only (no CDN), Chinese, readable at 200% zoom. */
export function layout(options: PageOptions, body: string): string {
  const scripts = (options.scripts ?? [])
    .map((s) => `<script type="module" src="/static/${escapeHtml(s)}"></script>`)
    .join('');
  const nav = options.nav
    ? `<header class="topbar"><a class="brand" href="/">安居 · 安置房分配</a><span id="who" class="who"></span><button type="button" id="logout" class="link">退出登录</button></header>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · 安居</title><link rel="stylesheet" href="/static/app.css">${scripts}</head>
<body class="${escapeHtml(options.bodyClass ?? '')}">${nav}<main id="main">${body}</main></body></html>`;
}
