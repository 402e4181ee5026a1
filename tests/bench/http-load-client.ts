import { performance } from 'node:perf_hooks';
import { type RouteRecorder, routeOf } from './http-load-stats.js';

export interface TimedAnswer {
  status: number;
  body: string;
  /** performance.now() when the request was sent and when its whole body was in. */
  sentAt: number;
  answeredAt: number;
  /** The session cookie pair (`anju_session=…`) when the answer set one. */
  session: string | null;
  json<T>(): T;
}

/**
 * Real HTTP over loopback with fetch (keep-alive by default), each request timed to its last
 * byte and recorded under its route. A transport failure is recorded as status 0, not thrown.
 */
export class LoadClient {
  constructor(
    readonly baseUrl: string,
    private readonly recorder: RouteRecorder,
  ) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    options: { cookie?: string; body?: object; headers?: Record<string, string> } = {},
  ): Promise<TimedAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body) headers['content-type'] = 'application/json';
    const sentAt = performance.now();
    let status = 0;
    let body = '';
    let session: string | null = null;
    try {
      const res = await fetch(new URL(url, this.baseUrl), {
        method,
        headers,
        body: options.body ? JSON.stringify(options.body) : undefined,
      });
      status = res.status;
      session =
        res.headers
          .getSetCookie()
          .map((line) => line.split(';')[0] ?? '')
          .find((pair) => pair.startsWith('anju_session=')) ?? null;
      body = await res.text();
    } catch (error) {
      body = error instanceof Error ? error.message : String(error);
    }
    const answeredAt = performance.now();
    this.recorder.record(routeLabel(method, url), status, answeredAt - sentAt, body);
    return { status, body, sentAt, answeredAt, session, json: <T>() => JSON.parse(body) as T };
  }
}

// Agreement numbers in /public/verify/<number> are not UUIDs; keep them out of the route name.
const routeLabel = (method: string, url: string): string =>
  routeOf(method, url.replace(/^\/public\/verify\/[^/?]+/, '/public/verify/:number'));
