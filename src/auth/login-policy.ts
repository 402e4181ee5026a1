import type { LoginFailureRow } from '../db/schema.js';

/**
 * When a login may be tried again. Pure. A username gets a few free mistakes, then a delay that
 * doubles with each further one up to a short ceiling: a guesser is slowed to a crawl, but nobody
 * can lock the supervisor out of the day (11 wrong passwords used to mean 15 minutes of 429).
 * An address that fails too often in the window waits out the window: it is the guesser's own.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const FREE_FAILURES_PER_USERNAME = 5;
export const MAX_DELAY_MS = 30_000;
export const FAILURES_PER_ADDRESS = 30;

export const userSubject = (username: string): string => `user:${username.trim().toLowerCase()}`;
export const addressSubject = (address: string): string => `addr:${address}`;

/** The row after one more failure at `now`; an old window starts afresh. */
export function afterFailure(previous: LoginFailureRow | undefined, subject: string, now: Date): LoginFailureRow {
  const at = now.toISOString();
  const fresh = !previous || now.getTime() - Date.parse(previous.lastFailedAt) >= LOGIN_WINDOW_MS;
  const failures = fresh ? 1 : previous.failures + 1;
  return {
    subject,
    failures,
    firstFailedAt: fresh ? at : previous.firstFailedAt,
    lastFailedAt: at,
    nextAllowedAt: nextAllowed(subject, failures, now),
  };
}

function nextAllowed(subject: string, failures: number, now: Date): string | null {
  if (subject.startsWith('addr:'))
    return failures >= FAILURES_PER_ADDRESS ? new Date(now.getTime() + LOGIN_WINDOW_MS).toISOString() : null;
  if (failures <= FREE_FAILURES_PER_USERNAME) return null;
  const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES_PER_USERNAME - 1));
  return new Date(now.getTime() + delay).toISOString();
}

/** Milliseconds to wait before this subject may try again; 0 when it may now. */
export function waitFor(row: LoginFailureRow | undefined, now: Date): number {
  if (!row?.nextAllowedAt || now.getTime() - Date.parse(row.lastFailedAt) >= LOGIN_WINDOW_MS) return 0;
  return Math.max(0, Date.parse(row.nextAllowedAt) - now.getTime());
}
