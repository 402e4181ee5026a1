import type { FuzzCase } from './route-cases.js';

/** Cases the fuzz once broke the app with: replayed first on every run (fast-check `examples`). */
export interface KnownBreaker {
  route: string;
  case: FuzzCase;
}

const json = { 'content-type': 'application/json' };

export const knownBreakers: KnownBreaker[] = [
  {
    // A desk of a project that does not exist failed the foreign key: 500 instead of 404.
    route: 'POST /api/desks/sign-in',
    case: {
      method: 'POST',
      url: '/api/desks/sign-in',
      identity: 'admin',
      headers: json,
      payload: JSON.stringify({ projectId: 'ref', deskNumber: ' @dy}CL/', stage: 'propertyRegistration' }),
    },
  },
  {
    // The path id went into Content-Disposition before the round was looked up: a NUL broke the header.
    route: 'GET /public/rounds/:id/notice.json',
    case: { method: 'GET', url: '/public/rounds/a.xlsx%00.png/notice.json', identity: 'anonymous', headers: {} },
  },
  {
    // PostgreSQL cannot store NUL in text: a NUL in a path id or a body field was a 500 there only.
    route: 'POST /api/rounds/:id/batches',
    case: {
      method: 'POST',
      url: '/api/rounds/%00/batches',
      identity: 'admin',
      headers: json,
      payload: JSON.stringify({ number: 1 }),
    },
  },
  {
    route: 'POST /api/projects/:id/buildings',
    case: {
      method: 'POST',
      url: '/api/projects/no-such-project/buildings',
      identity: 'admin',
      headers: json,
      payload: JSON.stringify({
        zone: '安置B区',
        name: '\u0000',
        floorsAbove: 24,
        floorsBelow: 1,
        totalArea: '120.00',
        entrances: 2,
      }),
    },
  },
  {
    // beforeSeq up to 2^53 - 1 passed zod, then overflowed the 32-bit seq column on PostgreSQL.
    route: 'GET /api/audit',
    case: { method: 'GET', url: '/api/audit?beforeSeq=9007199254740991&limit=3', identity: 'admin', headers: {} },
  },
  {
    // 100,000 nested arrays overflowed the call stack of the NUL check: a 500 instead of a 400.
    route: 'POST /api/projects',
    case: {
      method: 'POST',
      url: '/api/projects',
      identity: 'admin',
      headers: json,
      payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    },
  },
  {
    // Deep objects are refused the same way, at the configured depth, on a route anyone may call.
    route: 'POST /api/auth/login',
    case: {
      method: 'POST',
      url: '/api/auth/login',
      identity: 'anonymous',
      headers: json,
      payload: `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`,
    },
  },
];
