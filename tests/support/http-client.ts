import type { FastifyInstance } from 'fastify';

export interface InjectOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: object | string | Buffer;
}

/** The part of a response the tests read; `app.inject` answers satisfy it as they are. */
export interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  json<T = unknown>(): T;
}

/** What drives the service: `app.inject` in-process, or real HTTP to a listening server. */
export interface Requester {
  inject(options: InjectOptions): Promise<Answer>;
}

export function inProcess(app: FastifyInstance): Requester {
  return { inject: (options) => app.inject(options) };
}

/** Real HTTP over loopback, with the same call shape as `app.inject`. */
export function overHttp(baseUrl: string): Requester {
  return {
    async inject({ method, url, headers = {}, payload }) {
      const isJson = payload !== undefined && typeof payload === 'object' && !Buffer.isBuffer(payload);
      const res = await fetch(new URL(url, baseUrl), {
        method,
        headers: isJson ? { 'content-type': 'application/json', ...headers } : headers,
        body: payload === undefined ? undefined : isJson ? JSON.stringify(payload) : payload,
      });
      const body = await res.text();
      const answerHeaders: Answer['headers'] = {};
      res.headers.forEach((value, name) => {
        answerHeaders[name] = value;
      });
      const setCookies = res.headers.getSetCookie();
      if (setCookies.length > 0) answerHeaders['set-cookie'] = setCookies;
      return { statusCode: res.status, body, headers: answerHeaders, json: <T>() => JSON.parse(body) as T };
    },
  };
}

/** The `cookie` header a login answer sets, for either kind of requester. */
export function sessionCookieOf(answer: Answer): string {
  const raw = answer.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const session = lines.map((l) => l.split(';')[0] ?? '').find((pair) => pair.startsWith('anju_session='));
  if (!session) throw new Error('no session cookie');
  return session;
}
