import type { Answer } from '../http-client.js';
import type { TestApp } from '../test-app.js';
import type { DayModel } from './model.js';
import type { Rng } from './random.js';

/** The accounts of the day, created once per file: scrypt logins are the one slow part of setup. */
export interface Staff {
  supervisor: string;
  reviewers: string[];
  idChecker: string;
  selectionClerks: string[];
  signingClerk: string;
  propertyClerk: string;
  keyKeeper: string;
}

/** Counts printed at the end, so a run shows what it actually exercised. */
export type Stats = Map<string, number>;

export const bump = (stats: Stats, key: string, by = 1): void => {
  stats.set(key, (stats.get(key) ?? 0) + by);
};

/** One sequence: its round, its model, its random choices, and what it did so far. */
export interface World {
  t: TestApp;
  staff: Staff;
  rng: Rng;
  model: DayModel;
  roundId: string;
  checklist: string[];
  stats: Stats;
  trace: string[];
}

export class ModelFailure extends Error {}

export function fail(world: World, message: string): never {
  throw new ModelFailure(`${message}\n--- steps so far ---\n${world.trace.join('\n')}`);
}

export async function post(world: World, url: string, cookie: string, payload?: object): Promise<Answer> {
  return world.t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

export async function get(world: World, url: string, cookie: string, remoteAddress?: string): Promise<Answer> {
  return world.t.app.inject({ method: 'GET', url, headers: { cookie }, ...(remoteAddress ? { remoteAddress } : {}) });
}

let residents = 0;
/** The public verify page limits lookups per address: each voided paper is checked from its own resident's phone. */
export function residentAddress(): string {
  residents += 1;
  return `10.${(residents >> 16) & 255}.${(residents >> 8) & 255}.${residents & 255}`;
}

/** The app's answer must be the status the model expects (and the error code, when given). */
export function expectAnswer(world: World, what: string, res: Answer, status: number, code?: string): void {
  let body: { code?: string } = {};
  try {
    body = res.json<{ code?: string }>() ?? {};
  } catch {
    body = {};
  }
  if (res.statusCode !== status || (code !== undefined && body.code !== code)) {
    fail(
      world,
      `${what}: expected ${status}${code ? ` ${code}` : ''}, got ${res.statusCode} ${res.body.slice(0, 400)}`,
    );
  }
}
