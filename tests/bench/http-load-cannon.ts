import autocannon from 'autocannon';
import type { RouteFigures } from './http-load-stats.js';

export interface CannonTarget {
  route: string;
  path: string;
  headers?: Record<string, string>;
}

/**
 * The read routes screens, desks and residents' phones hit, each hammered for a fixed time by
 * `connections` keep-alive connections, one after the other.
 */
export async function fireAt(
  baseUrl: string,
  targets: readonly CannonTarget[],
  seconds: number,
  connections: number,
): Promise<RouteFigures[]> {
  const rows: RouteFigures[] = [];
  for (const target of targets) {
    const result = await autocannon({
      url: new URL(target.path, baseUrl).toString(),
      connections,
      duration: seconds,
      headers: target.headers ?? {},
    });
    const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    rows.push({
      route: `${target.route} (autocannon, ${connections} conns, ${seconds} s)`,
      requests: answered,
      perSecond: answered / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      // Connection errors and timeouts count as failures too: they are answers nobody got.
      non2xx: result.non2xx + result.errors,
      serverErrors: result['5xx'] + result.errors,
    });
  }
  return rows;
}
