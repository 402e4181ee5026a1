/**
 * Anchors for the audit chain: a checkpoint says "the row with this seq had this hash at this
 * time". Published where the database host cannot reach back (paper, a notice board, a report the
 * supervisor signs), it lets anyone prove later that the chain still extends it. Pure: no I/O.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { formatShanghai } from '../shared/time.js';
import { GENESIS_HASH } from './audit-chain.js';

/** Printed hashes are cut to this many hexadecimal characters; fewer is not accepted back. */
export const PRINTED_HASH_LENGTH = 16;

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** HMAC-SHA256 under ANJU_AUDIT_HMAC_KEY, null when no key is configured */
  hmac: string | null;
}

export const checkpointSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string(),
  at: z.string(),
  hmac: z.string().nullable(),
});

/** A checkpoint as typed back in: its seq and the full hash or a printed head of it. */
export interface ClaimedCheckpoint {
  seq: number;
  hashPrefix: string;
}

export function checkpointHmac(key: string, cp: { seq: number; hash: string; at: string; purpose: string }): string {
  // A JSON array keeps field boundaries unambiguous, as for the chain's own rows.
  const message = JSON.stringify(['anju-checkpoint-v1', cp.seq, cp.hash, cp.at, cp.purpose]);
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

export function hmacMatches(
  key: string,
  cp: { seq: number; hash: string; at: string; purpose: string; hmac: string | null },
): boolean {
  if (cp.hmac === null || !/^[0-9a-f]{64}$/.test(cp.hmac)) return false;
  return timingSafeEqual(Buffer.from(checkpointHmac(key, cp), 'hex'), Buffer.from(cp.hmac, 'hex'));
}

/** `<seq>:<hash>`, the hash whole (64) or as printed (at least 16 hexadecimal characters). */
export function parseCheckpointArg(text: string): ClaimedCheckpoint | null {
  const m = /^\s*(\d{1,10}):([0-9a-fA-F]{16,64})\s*$/.exec(text);
  if (!m) return null;
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq) || seq > 2_147_483_647) return null;
  return { seq, hashPrefix: (m[2] ?? '').toLowerCase() };
}

/** "审计锚点：第 1234 条 · 3f9a0b1c2d3e4f50（前 16 位）· 2026-12-02 10:31", for paper and pages. */
export function checkpointLine(cp: Checkpoint): string {
  return `审计锚点：第 ${cp.seq} 条 · ${cp.hash.slice(0, PRINTED_HASH_LENGTH)}（前 ${PRINTED_HASH_LENGTH} 位）· ${formatShanghai(cp.at).slice(0, 16)}`;
}

/** What a reader types to check a printed anchor. */
export function checkpointCommand(cp: Checkpoint): string {
  return `npm run audit:verify -- --checkpoint ${cp.seq}:${cp.hash.slice(0, PRINTED_HASH_LENGTH)}`;
}

export type CheckpointProblem =
  | { kind: 'missing'; seq: number }
  | { kind: 'mismatch'; seq: number; claimed: string; actual: string }
  | { kind: 'hmac'; seq: number; at: string; purpose: string };

/** Whether the chain as stored (actualHash of row `seq`, undefined if there is none) still holds a claimed checkpoint. */
export function checkpointProblem(
  claimed: ClaimedCheckpoint,
  actualHash: string | undefined,
): CheckpointProblem | null {
  const actual = claimed.seq === 0 ? GENESIS_HASH : actualHash;
  if (actual === undefined) return { kind: 'missing', seq: claimed.seq };
  if (!actual.startsWith(claimed.hashPrefix))
    return { kind: 'mismatch', seq: claimed.seq, claimed: claimed.hashPrefix, actual };
  return null;
}

export function describeCheckpointProblem(p: CheckpointProblem): string {
  const cut = (h: string) => h.slice(0, PRINTED_HASH_LENGTH);
  switch (p.kind) {
    case 'missing':
      return `锚点所指的第 ${p.seq} 条审计记录已不存在：审计链被截断或删改`;
    case 'mismatch':
      return `第 ${p.seq} 条审计记录的哈希与公布的锚点不符（锚点 ${cut(p.claimed)}，现为 ${cut(p.actual)}）：第 ${p.seq} 条或其之前的记录已被改写`;
    case 'hmac':
      return `第 ${p.seq} 条处的锚点（${p.purpose}，${formatShanghai(p.at)}）HMAC 不符或缺失：锚点表被改动，或密钥不同`;
  }
}
