import { type Role, roles } from '../../src/shared/roles.js';

/**
 * Who may call each route, written out by hand: the access matrix test holds the app to it, so
 * a route added without a row here, or a rule that drifts, fails the suite. Role sets are the
 * effective ones (an admin passes every role check), 'public' needs no session.
 */
export type Allowed = 'public' | readonly Role[];

export interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  allowed: Allowed;
  /** A staff page: declared public, it sends the anonymous to /login and refuses other roles with a 403 page. */
  page?: true;
  /** The URL to call, when the route's parameters need a particular harmless value. */
  sample?: string;
}

const ALL: readonly Role[] = roles;
const MANAGERS: readonly Role[] = ['admin', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];
const SUPERVISOR: readonly Role[] = ['admin', 'supervisor'];
/** Every role but a bare admin is listed by the desk routes; admin passes anyway, so it is every role. */
const DESKS: readonly Role[] = ALL;
const SIGNERS: readonly Role[] = ['admin', 'supervisor', 'signing_clerk'];
const KEYS: readonly Role[] = ['admin', 'supervisor', 'key_keeper'];

const get = (url: string, allowed: Allowed, extra: Partial<RouteRow> = {}): RouteRow => ({
  method: 'GET',
  url,
  allowed,
  ...extra,
});
const post = (url: string, allowed: Allowed, extra: Partial<RouteRow> = {}): RouteRow => ({
  method: 'POST',
  url,
  allowed,
  ...extra,
});

export const routeTable: readonly RouteRow[] = [
  get('/docs', 'public'),
  get('/docs/static/index.html', 'public'),
  get('/docs/static/swagger-initializer.js', 'public'),
  get('/docs/json', 'public'),
  get('/docs/yaml', 'public'),
  get('/docs/static/*', 'public', { sample: '/docs/static/index.css' }),
  get('/health', 'public'),

  post('/api/auth/login', 'public'),
  get('/api/auth/login-failures', ADMIN),
  post('/api/auth/login-failures/clear', ADMIN),
  post('/api/auth/logout', 'public'),
  get('/api/auth/me', ALL),
  get('/api/staff', ADMIN),
  post('/api/staff', ADMIN),
  { method: 'PATCH', url: '/api/staff/:id', allowed: ADMIN },
  get('/api/audit', MANAGERS),
  get('/api/audit/verify', MANAGERS),
  get('/api/projects/:id/closing-report.pdf', MANAGERS, {
    sample: '/api/projects/nope/closing-report.pdf?date=2026-12-02',
  }),

  get('/api/projects', ALL),
  get('/api/projects/:id', ALL),
  post('/api/projects', MANAGERS),
  { method: 'PATCH', url: '/api/projects/:id', allowed: MANAGERS },
  post('/api/projects/:id/buildings', MANAGERS),
  get('/api/projects/:id/buildings', ALL),
  get('/api/projects/:id/units', ALL),
  get('/api/projects/:id/households', ALL),
  get('/api/projects/:id/households/name-warnings', MANAGERS),
  get('/api/households/:id', ALL),
  post('/api/projects/:id/households', MANAGERS),
  { method: 'PATCH', url: '/api/households/:id', allowed: MANAGERS },
  get('/api/households/:id/transition-subsidy', ALL),
  get('/api/households/:id/timeline', ALL),
  post('/api/projects/:id/imports/households', MANAGERS),
  post('/api/projects/:id/imports/units', MANAGERS),
  get('/api/projects/:id/exports/households.xlsx', MANAGERS),
  get('/api/projects/:id/exports/units.xlsx', MANAGERS),

  post('/api/projects/:id/rounds', MANAGERS),
  get('/api/projects/:id/rounds', ALL),
  get('/api/rounds/:id', ALL),
  { method: 'PUT', url: '/api/rounds/:id/membership', allowed: MANAGERS },
  post('/api/rounds/:id/commitment', MANAGERS),
  post('/api/rounds/:id/draw', MANAGERS),
  post('/api/rounds/:id/order', MANAGERS),
  get('/api/rounds/:id/queue', ALL),
  get('/api/rounds/:id/households/:householdId/options', ALL),
  post('/api/rounds/:id/selections', SIGNERS),
  post('/api/selections/:id/undo', SIGNERS),
  post('/api/rounds/:id/households/:householdId/pass', SIGNERS),
  post('/api/rounds/:id/households/:householdId/absent', DESKS),
  post('/api/rounds/:id/households/:householdId/present', DESKS),
  post('/api/rounds/:id/households/:householdId/forfeit', SUPERVISOR),
  post('/api/rounds/:id/households/:householdId/reinstate', SUPERVISOR),
  post('/api/forfeits/:id/statement', SUPERVISOR),
  get('/api/forfeits/:id/statement', SUPERVISOR),
  post('/api/rounds/:id/close', SUPERVISOR),
  post('/api/rounds/:id/auto-allocate', SUPERVISOR),
  get('/api/rounds/:id/progress', ALL),
  get('/api/rounds/:id/households/:householdId/workflow', ALL),
  get('/api/rounds/:id/households/:householdId/standing', ALL),

  post('/api/desks/sign-in', DESKS),
  get('/api/desks/me', DESKS),
  post('/api/rounds/:id/batches', SUPERVISOR),
  get('/api/rounds/:id/batches', DESKS),
  post('/api/rounds/:id/arrivals', DESKS),
  get('/api/rounds/:id/arrivals', DESKS),
  get('/api/workflows/:id/ticket', DESKS),
  post('/api/rounds/:id/calls', DESKS),
  post('/api/workflows/:id/no-show', DESKS),
  post('/api/workflows/:id/recall', DESKS),
  post('/api/workflows/:id/key-return', KEYS),
  post('/api/workflows/:id/stages', DESKS),
  post('/api/workflows/:id/stages/:stage/return', DESKS, {
    sample: '/api/workflows/no-such-id/stages/documentReview/return',
  }),
  post('/api/workflows/:id/stages/:stage/reopen', SUPERVISOR, {
    sample: '/api/workflows/no-such-id/stages/documentReview/reopen',
  }),
  get('/api/workflows/:id/receipt.pdf', KEYS),

  get('/api/rounds/:id/agreements', ALL),
  get('/api/agreements/:id', ALL),
  get('/api/agreements/:id/pdf', SIGNERS),
  post('/api/agreements/:id/regenerate', SUPERVISOR),
  post('/api/agreements/:id/signed-copy', SIGNERS),
  get('/api/agreements/:id/signed-copy', SIGNERS),
  post('/api/rounds/:id/agreements/print', SUPERVISOR),
  get('/api/print-jobs/:id', SUPERVISOR),
  get('/api/print-jobs/:id/file', SUPERVISOR),

  get('/public/rounds/:id/units', 'public'),
  get('/public/rounds/:id/hall', 'public'),
  get('/public/rounds/:id/notice.json', 'public'),
  get('/public/rounds/:id/notice', 'public'),
  get('/public/rounds/:id/verify', 'public'),
  get('/public/rounds/:id/notice.pdf', 'public'),
  get('/public/rounds/:id/results', 'public'),
  get('/public/rounds/:id/results/page', 'public'),
  get('/public/rounds/:id/results.xlsx', 'public'),
  get('/public/rounds/:id/events', 'public'),
  get('/public/agreements', 'public'),
  post('/public/agreements/download', 'public'),
  get('/public/verify/:number', 'public'),
  get('/public/verify/:number/json', 'public'),
  post('/public/verify/:number/file', 'public'),

  get('/static/:name', 'public', { sample: '/static/app.css' }),
  get('/favicon.ico', 'public'),
  get('/login', 'public'),
  get('/hall/:roundId', 'public'),
  get('/board/:roundId', 'public'),
  get('/gongshi/:roundId', 'public'),
  get('/', ALL, { page: true }),
  get('/desk/:stage', ['admin', 'supervisor', 'reviewer'], { page: true, sample: '/desk/documentReview' }),
  get('/supervisor', MANAGERS, { page: true }),
  get('/supervisor/households', MANAGERS, { page: true }),
  get('/supervisor/rounds', MANAGERS, { page: true }),
  get('/door', ALL, { page: true }),
  get('/door/tickets/:id', ALL, { page: true, sample: '/door/tickets/no-such-id' }),
  get('/supervisor/progress', MANAGERS, { page: true }),
  get('/supervisor/audit', MANAGERS, { page: true }),
  get('/supervisor/setup', MANAGERS, { page: true }),
  get('/supervisor/household', MANAGERS, { page: true }),
  get('/admin/staff', ADMIN, { page: true }),
];

/** The route's URL with harmless parameters: ids that exist nowhere. */
export function sampleUrl(row: RouteRow): string {
  return row.sample ?? row.url.replaceAll(':number', 'NO-SUCH-0000').replace(/:[A-Za-z]+/g, 'no-such-id');
}
