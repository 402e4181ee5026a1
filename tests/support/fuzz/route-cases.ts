import fc from 'fast-check';
import { kindOfField, kindOfPathId, mutatedOf, type RealValues, validOf } from './from-schema.js';
import type { JsonSchema, RouteSpec } from './fuzz-app.js';
import { oddString, pathTricks } from './values.js';

export type Identity = 'admin' | 'anonymous' | 'wrongRole';

/** One request as `app.inject` takes it, plus who sends it. */
export interface FuzzCase {
  method: RouteSpec['method'];
  url: string;
  identity: Identity;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Percent-encoding for any JS string: a lone surrogate (no URL can carry one) goes as U+FFFD. */
const encode = (text: string): string => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

/** Path segments sent as they are, not encoded: traversal, NUL, encoded slashes, ids over the 64-char bound. */
const rawSegments = [
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2Fetc%2Fpasswd',
  '%2F',
  '%5C',
  '%20',
  'x'.repeat(65),
  '%F0%9F%98%80',
  '%EF%BC%91',
  '%E2%80%AE',
];

/** Segments the router itself cannot read: broken escapes, overlong UTF-8, parameters over its 100-char limit. */
export const unreadableSegments = [
  '%ZZ',
  '%',
  '%C0%AE%C0%AE',
  '%E4%B8',
  '%u4E2D',
  '%FF',
  'y'.repeat(101),
  'z'.repeat(5000),
];

/** The router's own limit on a path parameter; longer ones are the router's refusal, tested apart. */
const ROUTER_PARAM_LIMIT = 100;

/** Routes whose valid answer never ends (server-sent events) are sent only ids that match nothing. */
const streams = new Set(['/public/rounds/:id/events']);

function paramValue(route: RouteSpec, name: string, real: RealValues): fc.Arbitrary<string> {
  const kind = name === 'id' ? kindOfPathId(route.url) : name === 'roundId' ? 'round' : kindOfField(name);
  const known = kind && !streams.has(route.url) ? (real[kind] ?? []) : [];
  const encoded = (arb: fc.Arbitrary<string>) => arb.map(encode);
  const schema = route.parts.params?.properties?.[name] ?? {};
  return fc.oneof(
    ...(known.length > 0 ? [{ weight: 5, arbitrary: fc.constantFrom(...known).map(encode) }] : []),
    { weight: 1, arbitrary: encoded(validOf(schema, {}, name).map(String)) },
    { weight: 2, arbitrary: fc.constantFrom(...rawSegments) },
    {
      weight: 2,
      arbitrary: encoded(fc.oneof(oddString, fc.constantFrom(...pathTricks))).filter(
        (s) => s.length <= ROUTER_PARAM_LIMIT,
      ),
    },
  );
}

function queryText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `v=${encode(JSON.stringify(value))}`;
  const pairs: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const list = Array.isArray(v) ? v : [v];
    for (const item of list)
      pairs.push(`${encode(key)}=${encode(typeof item === 'string' ? item : (JSON.stringify(item) ?? ''))}`);
  }
  return pairs.join('&');
}

const rawQueries = [
  '%00=1',
  'limit=1&limit=2',
  'q=%E4',
  'q=%',
  'dryRun=true&dryRun=false',
  '__proto__[x]=1',
  'a[b][c]=1',
  'next=//evil.example',
  'next=javascript:alert(1)',
  `q=${'z'.repeat(70000)}`,
];

/** Header values are bytes on the wire: keep what HTTP can carry, so the case is one a client could send. */
const headerSafe = (text: string): string => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

function bodyPayload(
  schema: JsonSchema | undefined,
  real: RealValues,
  breakIt: boolean,
): fc.Arbitrary<{ payload?: string; type?: string }> {
  if (!schema) {
    return fc.oneof(
      fc.constant({}),
      fc.constant({ payload: '{}', type: 'application/json' }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => ({ payload: JSON.stringify(v), type: 'application/json' })),
    );
  }
  const value = breakIt ? mutatedOf(schema, real) : validOf(schema, real);
  const asJson = value.map((v) => (v === undefined ? {} : { payload: JSON.stringify(v), type: 'application/json' }));
  if (!breakIt) return asJson;
  return fc.oneof(
    { weight: 8, arbitrary: asJson },
    {
      weight: 1,
      arbitrary: validOf(schema, real).map((v) => ({
        payload: JSON.stringify(v).slice(0, -1),
        type: 'application/json',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'application/x-www-form-urlencoded',
        )
        .map((type) => ({ payload: 'a=1&b=%00', type })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('null', '[]', '"text"', '1e999', '{"a":1}garbage', '\ufeff{}', '{"__proto__":{"admin":true}}')
        .map((payload) => ({ payload, type: 'application/json' })),
    },
  );
}

/** Requests for one JSON route: mostly one part broken at a time, sometimes all of it valid. */
export function casesFor(route: RouteSpec, real: RealValues): fc.Arbitrary<FuzzCase> {
  const paramNames = Object.keys(route.parts.params?.properties ?? {});
  const broken = fc.constantFrom<'none' | 'params' | 'querystring' | 'body' | 'headers'>(
    'none',
    'params',
    'params',
    'querystring',
    'body',
    'body',
    'body',
    'headers',
  );
  return broken.chain((part) => {
    const params = fc.tuple(...paramNames.map((n) => paramValue(route, n, real)));
    const querySchema = route.parts.querystring;
    const query = querySchema
      ? fc.oneof(
          {
            weight: 3,
            arbitrary: (part === 'querystring' ? mutatedOf(querySchema, real) : validOf(querySchema, real)).map(
              queryText,
            ),
          },
          { weight: part === 'querystring' ? 1 : 0, arbitrary: fc.constantFrom(...rawQueries) },
        )
      : part === 'querystring'
        ? fc.constantFrom(...rawQueries)
        : fc.constant('');
    const headerSchema = route.parts.headers;
    const headers = headerSchema
      ? part === 'headers'
        ? mutatedOf(headerSchema, real)
        : validOf(headerSchema, real)
      : fc.constant({});
    const identity = fc.constantFrom<Identity>(
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'anonymous',
      'wrongRole',
    );
    return fc
      .record({ params, query, headers, body: bodyPayload(route.parts.body, real, part === 'body'), identity })
      .map(({ params, query, headers, body, identity }) => {
        let url = route.url;
        paramNames.forEach((name, i) => {
          url = url.replace(`:${name}`, params[i] ?? '');
        });
        const sent: Record<string, string> = {};
        if (headers !== null && typeof headers === 'object' && !Array.isArray(headers)) {
          for (const [k, v] of Object.entries(headers))
            if (/^[a-z0-9-]+$/i.test(k))
              sent[k.toLowerCase()] = headerSafe(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
        }
        if (body.type) sent['content-type'] = body.type;
        const fuzzCase: FuzzCase = {
          method: route.method,
          url: query ? `${url}?${query}` : url,
          identity,
          headers: sent,
        };
        if (body.payload !== undefined) fuzzCase.payload = body.payload;
        return fuzzCase;
      });
  });
}
