import { performance } from 'node:perf_hooks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/api/workflows/5f0c…/stages?x=1` → `/api/workflows/:id/stages`: one row per route, not per record. */
export function routeOf(method: string, url: string): string {
  const path = url.split('?')[0] ?? url;
  if (path.startsWith('/static/')) return `${method} /static/:file`;
  return `${method} ${path
    .split('/')
    .map((segment) => (UUID.test(segment) ? ':id' : segment))
    .join('/')}`;
}

/** Nearest-rank quantile of an ascending list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export interface RouteFigures {
  route: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  serverErrors: number;
}

/** Per-route latencies and status counts of the requests the simulated desks and screens make. */
export class RouteRecorder {
  private readonly routes = new Map<string, { latencies: number[]; non2xx: number; serverErrors: number }>();
  private readonly samples: string[] = [];
  private startedAt = performance.now();
  private stoppedAt: number | null = null;

  start(): void {
    this.startedAt = performance.now();
  }

  stop(): void {
    this.stoppedAt = performance.now();
  }

  record(route: string, status: number, ms: number, body?: string): void {
    const entry = this.routes.get(route) ?? { latencies: [], non2xx: 0, serverErrors: 0 };
    entry.latencies.push(ms);
    if (status < 200 || status > 299) entry.non2xx += 1;
    if (status >= 500 || status === 0) {
      entry.serverErrors += 1;
      if (this.samples.length < 5) this.samples.push(`${route} → ${status} ${body?.slice(0, 300) ?? ''}`);
    }
    this.routes.set(route, entry);
  }

  /** A few 5xx bodies (and transport failures, status 0) to print when something broke. */
  get errorSamples(): readonly string[] {
    return this.samples;
  }

  figures(): RouteFigures[] {
    const seconds = ((this.stoppedAt ?? performance.now()) - this.startedAt) / 1000;
    return [...this.routes.entries()]
      .map(([route, e]) => {
        const sorted = [...e.latencies].sort((a, b) => a - b);
        return {
          route,
          requests: sorted.length,
          perSecond: sorted.length / seconds,
          p50: quantile(sorted, 0.5),
          p99: quantile(sorted, 0.99),
          non2xx: e.non2xx,
          serverErrors: e.serverErrors,
        };
      })
      .sort((a, b) => b.requests - a.requests);
  }
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

export function printRouteTable(title: string, rows: readonly RouteFigures[]): void {
  const width = Math.max(24, ...rows.map((r) => r.route.length));
  console.log(title);
  console.log(
    `  ${pad('route', width)} ${pad('requests', 9, true)} ${pad('req/s', 8, true)} ${pad('p50 ms', 8, true)} ${pad('p99 ms', 8, true)} ${pad('non-2xx', 8, true)} ${pad('5xx', 5, true)}`,
  );
  for (const r of rows) {
    console.log(
      `  ${pad(r.route, width)} ${pad(String(r.requests), 9, true)} ${pad(r.perSecond.toFixed(1), 8, true)} ${pad(r.p50.toFixed(1), 8, true)} ${pad(r.p99.toFixed(1), 8, true)} ${pad(String(r.non2xx), 8, true)} ${pad(String(r.serverErrors), 5, true)}`,
    );
  }
}

/** p50/p99/max of a list of milliseconds, as one printable phrase. */
export function spread(values: readonly number[]): string {
  if (values.length === 0) return 'no samples';
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(1)} ms · p99 ${quantile(sorted, 0.99).toFixed(1)} ms · max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (${sorted.length} deliveries)`;
}
