import { type Html, html, raw } from './html.js';

export interface PageOptions {
  title: string;
  /** Module scripts under /static/, e.g. 'desk.js' */
  scripts?: string[];
  /** Extra class on <body>, e.g. 'hall' for the full-screen hall page */
  bodyClass?: string;
  /** Whether to show the staff navigation bar */
  nav?: boolean;
  /** The stylesheet under /static/ (the public notices and the resident pages have their own); none for `css` alone */
  stylesheet?: string | null;
  /** Inline CSS, for a page that must stand alone (the agreement preview, printed by a browser) */
  css?: string;
  /** Whether the title ends in " · 安居" (not on documents residents print or keep) */
  brandTitle?: boolean;
  /** Whether the page declares a phone-width viewport (not on the A4 agreement) */
  viewport?: boolean;
}

/** Every page: our own CSS and scripts only (no CDN), Chinese, readable at 200% zoom. The one HTML shell. */
export function layout(options: PageOptions, body: Html): string {
  const stylesheet = options.stylesheet === undefined ? 'app.css' : options.stylesheet;
  const scripts = (options.scripts ?? []).map((s) => html`<script type="module" src="/static/${s}"></script>`);
  const nav = options.nav
    ? html`<header class="topbar"><a class="brand" href="/">安居 · 安置房分配</a><span id="who" class="who"></span><button type="button" id="logout" class="link">退出登录</button></header>`
    : '';
  const viewport =
    options.viewport === false ? '' : html`<meta name="viewport" content="width=device-width, initial-scale=1">`;
  const title = options.brandTitle === false ? options.title : `${options.title} · 安居`;
  const sheet = stylesheet ? html`<link rel="stylesheet" href="/static/${stylesheet}">` : '';
  // Inline CSS is ours (a constant or a font URL we built), never text from a request.
  const style = options.css ? raw(`<style>\n${options.css}\n</style>`) : '';
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">${viewport}
<title>${title}</title>${sheet}${style}${scripts}</head>
<body${options.bodyClass === undefined ? '' : html` class="${options.bodyClass}"`}>${nav}<main id="main">${body}</main></body></html>`
    .text;
}
