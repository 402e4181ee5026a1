import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a plain HTML form post (urlencoded); every other unsafe route takes JSON or a file. */
    acceptsHtmlForm?: boolean;
  }
}

export const CSRF_REJECTED = 'CSRF_REJECTED' as const;
const CSRF_MESSAGE = '已拒绝来自其他网站的请求：请在本系统的页面中操作';

// Everything our pages need comes from this origin; nothing may frame us, not even the hall screens.
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');
// The OpenAPI UI (a bundled React app) sets inline styles and loads its icons as data: URLs.
const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const FIXED_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Agreement numbers travel in URLs (/public/verify/…): no other site may learn them from a Referer.
  // Not 'no-referrer': under it browsers send "Origin: null" with our own form posts, and the CSRF check needs the origin.
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

const isSessionBound = (request: FastifyRequest): boolean =>
  request.actor !== null ||
  request.cookies[SESSION_COOKIE] !== undefined ||
  request.routeOptions.config.access !== 'public' ||
  /^\/public\/(agreements|verify)\b/.test(request.url);

function applyHeaders(request: FastifyRequest, reply: FastifyReply, hsts: boolean): void {
  reply.headers(FIXED_HEADERS);
  if (hsts) reply.header('strict-transport-security', 'max-age=31536000');
  const type = String(reply.getHeader('content-type') ?? '');
  if (request.url.startsWith('/docs')) reply.header('content-security-policy', DOCS_POLICY);
  else if (type.startsWith('text/html')) reply.header('content-security-policy', PAGE_POLICY);
  else reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  // Personal or session-bound answers never rest in a browser or proxy cache; assets keep their own rule.
  if (isSessionBound(request) && !request.url.startsWith('/static/')) reply.header('cache-control', 'no-store');
  else if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

/** For answers given before routing (an unreadable URL), where no onSend hook runs. */
export function setBaselineHeaders(reply: FastifyReply): void {
  reply.headers({
    ...FIXED_HEADERS,
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  });
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The only types a cross-site HTML form can send without the browser asking us first (CORS preflight).
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether the Origin names this site: the Host it was sent to (read with the Origin's scheme, so :80 and :443 fold away) or the public address. */
function isOwnOrigin(origin: string, hostHeader: string | undefined, publicUrl: string): boolean {
  const from = parsed(origin);
  if (!from || (from.protocol !== 'http:' && from.protocol !== 'https:')) return false;
  const host = hostHeader ? parsed(`${from.protocol}//${hostHeader}`) : null;
  return from.origin === host?.origin || from.origin === parsed(publicUrl)?.origin;
}

/** Why an unsafe request looks cross-site, or null when it may proceed. */
export function crossSiteReason(
  request: Pick<FastifyRequest, 'method' | 'headers'> & { acceptsHtmlForm: boolean },
  publicUrl: string,
): string | null {
  if (!UNSAFE_METHODS.has(request.method)) return null;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
    return `sec-fetch-site ${String(fetchSite)}`;
  const origin = request.headers.origin;
  // The browser vouches for Sec-Fetch-Site; a privacy setting may still have blanked the Origin of our own form.
  const blankedOwn = origin === 'null' && fetchSite === 'same-origin';
  if (origin !== undefined && !blankedOwn && !isOwnOrigin(origin, request.headers.host, publicUrl)) return 'origin';
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (FORM_TYPES.includes(type) && !(request.acceptsHtmlForm && type === FORM_TYPES[0])) return `content-type ${type}`;
  return null;
}

/**
 * Security headers on every answer, and the cross-site request refusal. Cookies are
 * SameSite=Strict already; these checks hold even where a browser ignores that attribute.
 * A request without Origin or Sec-Fetch-Site (curl, tests, old clients) is not a browser form.
 */
export function installWebSecurity(app: FastifyInstance, config: Config): void {
  const hsts = config.ANJU_PUBLIC_URL.startsWith('https:');
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response too: a hijacked answer (the event stream) writes its own head and skips onSend.
    for (const [name, value] of Object.entries(FIXED_HEADERS)) reply.raw.setHeader(name, value);
    const reason = crossSiteReason(
      {
        method: request.method,
        headers: request.headers,
        acceptsHtmlForm: request.routeOptions.config.acceptsHtmlForm === true,
      },
      config.ANJU_PUBLIC_URL,
    );
    if (reason === null) return;
    request.log.warn({ reason, origin: request.headers.origin }, 'cross-site request refused');
    throw new AppError(CSRF_REJECTED, CSRF_MESSAGE);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    applyHeaders(request, reply, hsts);
    return payload;
  });
}
