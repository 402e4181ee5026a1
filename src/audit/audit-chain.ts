import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a chained audit row commits to; the hash covers them and the previous row's hash. */
export interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
}

export function auditRowHash(row: ChainedFields): string {
  // A JSON array keeps field boundaries unambiguous whatever text the fields hold.
  const canonical = JSON.stringify([
    'anju-audit-v1',
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.action,
    row.entityType,
    row.entityId,
    row.projectId,
    row.beforeJson,
    row.afterJson,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak =
  | { kind: 'altered'; seq: number }
  | { kind: 'relinked'; seq: number }
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'truncated'; lastSeq: number; headSeq: number };

/** Walks rows in seq order and names the first one that no longer fits the chain. */
export function findChainBreak(
  rows: Iterable<ChainedFields & { hash: string }>,
  head: { lastSeq: number; lastHash: string },
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainBreak | null {
  let expectedPrev = start.hash;
  let expectedSeq = start.seq + 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { kind: 'gap', seq: row.seq, expectedSeq };
    if (row.prevHash !== expectedPrev) return { kind: 'relinked', seq: row.seq };
    if (auditRowHash(row) !== row.hash) return { kind: 'altered', seq: row.seq };
    expectedPrev = row.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (lastSeq !== head.lastSeq || expectedPrev !== head.lastHash) {
    return { kind: 'truncated', lastSeq, headSeq: head.lastSeq };
  }
  return null;
}
