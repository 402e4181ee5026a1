import fc from 'fast-check';
import { readAuditHead } from '../../../src/audit/audit.repo.js';
import { resolveSession } from '../../../src/auth/auth.service.js';
import type { Database } from '../../../src/db/schema.js';
import type { AppDeps } from '../../../src/deps.js';
import type { FuzzApp } from './fuzz-app.js';
import type { FuzzCase, Identity } from './route-cases.js';

const tables: (keyof Database)[] = [
  'staff',
  'sessions',
  'projects',
  'zones',
  'buildings',
  'entrances',
  'units',
  'households',
  'householdMembers',
  'auditLog',
  'auditHead',
  'allocationRounds',
  'roundHouseholds',
  'roundUnits',
  'selections',
  'roundBatches',
  'deskSessions',
  'workflows',
  'stageRecords',
  'counters',
  'agreements',
  'documents',
  'keyReturns',
  'forfeits',
  // Not loginFailures: counting a refused login is the refusal's purpose.
];

/** Row count of every table plus the audit chain's head: any write that matters moves one of them. */
export async function snapshotDb(deps: AppDeps): Promise<string> {
  const counts = await Promise.all(
    tables.map((table) =>
      deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  const head = await readAuditHead(deps.db);
  return JSON.stringify({ counts: Object.fromEntries(tables.map((t, i) => [t, Number(counts[i]?.n)])), head });
}

const chinese = /[\u4e00-\u9fff]/;

/** A case as a short line: long texts cut, so a failing case stays readable in the report. */
export function describeCase(c: FuzzCase): string {
  const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}…(${s.length} chars)` : s);
  const payload =
    c.payload === undefined ? '' : Buffer.isBuffer(c.payload) ? ` <${c.payload.length} bytes>` : ` ${cut(c.payload)}`;
  return `${c.identity} ${c.method} ${cut(c.url)} ${cut(JSON.stringify(c.headers))}${payload}`;
}

/** Fast-check prints cases with this, instead of dumping megabyte strings. */
export function printable(c: FuzzCase): FuzzCase {
  Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
  return c;
}

export interface Figures {
  cases: number;
  byClass: Record<string, number>;
  serverErrors: number;
  changedOnRefusal: number;
  changedOnSuccess: number;
  routes: Set<string>;
}

/**
 * Sends cases and judges every answer: below 500; a refusal carries a code and a Chinese message
 * and leaves every table and the audit head as they were. A success may write: counted, and the
 * snapshot taken again.
 */
export class FuzzOracle {
  readonly figures: Figures = {
    cases: 0,
    byClass: {},
    serverErrors: 0,
    changedOnRefusal: 0,
    changedOnSuccess: 0,
    routes: new Set(),
  };
  private cookies: Record<Identity, string> = { admin: '', anonymous: '', wrongRole: '' };
  private snapshot = '';

  constructor(private readonly t: FuzzApp) {}

  async start(): Promise<void> {
    this.cookies.admin = await this.t.loginAs('admin');
    this.cookies.wrongRole = await this.t.loginAs('key_keeper');
    this.snapshot = await snapshotDb(this.t.deps);
  }

  async check(routeKey: string, c: FuzzCase): Promise<void> {
    const cookie = this.cookies[c.identity];
    const headers = cookie ? { ...c.headers, cookie } : c.headers;
    const answer = await this.t.app.inject({
      method: c.method,
      url: c.url,
      headers,
      ...(c.payload === undefined ? {} : { payload: c.payload }),
    });
    const status = answer.statusCode;
    this.figures.cases += 1;
    this.figures.routes.add(routeKey);
    const statusClass = `${Math.floor(status / 100)}xx`;
    this.figures.byClass[statusClass] = (this.figures.byClass[statusClass] ?? 0) + 1;
    const where = `${status} for ${describeCase(c)} → ${answer.body.slice(0, 300)}`;
    if (status >= 200 && status < 300) await this.afterSuccess(answer.statusCode, answer.body);
    // Taken before judging, so a failed case cannot leave its writes to be blamed on the next one.
    const after = await snapshotDb(this.t.deps);
    const changed = after !== this.snapshot;
    this.snapshot = after;
    if (status >= 500) {
      this.figures.serverErrors += 1;
      throw new Error(`server error ${where}${changed ? ' (and the database changed)' : ''}`);
    }
    if (status < 400) {
      if (changed) this.figures.changedOnSuccess += 1;
      return;
    }
    if (changed) {
      this.figures.changedOnRefusal += 1;
      throw new Error(`database changed on refusal ${where}`);
    }
    const type = String(answer.headers['content-type'] ?? '');
    // Pages are for people: their refusal is a page that says what went wrong, in Chinese.
    if (type.startsWith('text/html')) {
      if (!/role="alert"[^>]*>[^<]*[\u4e00-\u9fff]/.test(answer.body))
        throw new Error(`page refusal without a Chinese message ${where}`);
      return;
    }
    const body = parseBody(answer.body);
    if (typeof body?.code !== 'string' || typeof body.message !== 'string' || !chinese.test(body.message)) {
      throw new Error(`refusal without code and Chinese message ${where}`);
    }
  }

  /** A success may have logged the fuzzing staff out or taken their role; a print job writes after answering. */
  private async afterSuccess(status: number, text: string): Promise<void> {
    const body = parseBody(text);
    if (status === 202 && typeof body?.id === 'string') await this.waitForPrintJob(body.id);
    const admin = await resolveSession(this.t.deps, tokenOf(this.cookies.admin));
    if (!admin?.roles.includes('admin')) this.cookies.admin = await this.t.loginAs('admin');
    const other = await resolveSession(this.t.deps, tokenOf(this.cookies.wrongRole));
    if (!other) this.cookies.wrongRole = await this.t.loginAs('key_keeper');
  }

  private async waitForPrintJob(id: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        if (this.t.deps.printJobs.get(id).status !== 'running') return;
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  summary(totalRoutes: number): string {
    const f = this.figures;
    const classes = Object.entries(f.byClass)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `routes covered ${f.routes.size} of ${totalRoutes}; cases ${f.cases}; answers ${classes}; 5xx ${f.serverErrors}; DB changed on 4xx ${f.changedOnRefusal}; DB changed on success ${f.changedOnSuccess}`;
  }
}

const tokenOf = (cookie: string): string => cookie.split('=')[1] ?? '';

function parseBody(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
