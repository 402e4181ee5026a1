import type { Clock } from '../clock.js';
import type { Db, DbExecutor } from '../db/create-db.js';
import type { AuditRow } from '../db/schema.js';
import type { Actor } from '../shared/roles.js';
import {
  type AuditQuery,
  appendAuditRows,
  claimAuditRange,
  queryAudit,
  readAuditHead,
  readAuditPage,
} from './audit.repo.js';
import type { AuditAction } from './audit-actions.js';
import { auditRowHash, type ChainBreak, findChainBreak } from './audit-chain.js';
import type { AuditPayloads } from './audit-payloads.js';

/** One action's row: the payload its action declares, and no `before` or `after` it does not. */
type EntryOf<A extends AuditAction> = { action: A; entityId: string; projectId?: string | null } & AuditPayloads[A] & {
    [Side in Exclude<'before' | 'after', keyof AuditPayloads[A]>]?: never;
  };

/** An audit row to write: a known action with the entity type and payload that action declares. */
export type AuditEntry = { [A in AuditAction]: EntryOf<A> }[AuditAction];

const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Writes audit rows inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(trx: DbExecutor, clock: Clock, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = clock.now().toISOString();
  const { firstSeq, prevHash: startHash } = await claimAuditRange(trx, entries.length);
  let prevHash = startHash;
  const rows: AuditRow[] = entries.map((entry, i) => {
    const fields = {
      seq: firstSeq + i,
      at,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      projectId: entry.projectId ?? null,
      beforeJson: toJson(entry.before),
      afterJson: toJson(entry.after),
      prevHash,
    };
    const hash = auditRowHash(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  await appendAuditRows(trx, rows);
}

export interface ChainReport {
  ok: boolean;
  rowsChecked: number;
  lastSeq: number;
  firstBreak: ChainBreak | null;
}

export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<ChainReport> {
  const head = await readAuditHead(db);
  let cursor = { seq: 0, hash: '0'.repeat(64) };
  let rowsChecked = 0;
  for (;;) {
    const page = await readAuditPage(db, cursor.seq, pageSize);
    const isLastPage = page.length < pageSize;
    const pageHead = isLastPage ? head : { lastSeq: page.at(-1)?.seq ?? 0, lastHash: page.at(-1)?.hash ?? '' };
    const found = findChainBreak(page, pageHead, cursor);
    if (found) return { ok: false, rowsChecked: rowsChecked + page.length, lastSeq: head.lastSeq, firstBreak: found };
    rowsChecked += page.length;
    const last = page.at(-1);
    if (isLastPage || !last) break;
    cursor = { seq: last.seq, hash: last.hash };
  }
  return { ok: true, rowsChecked, lastSeq: head.lastSeq, firstBreak: null };
}

/** The health check's probe: the chain's one-row head answers only from a reachable, migrated database. */
export async function probeAuditHead(db: Db): Promise<void> {
  await readAuditHead(db);
}

export function listAudit(db: Db, query: AuditQuery) {
  return queryAudit(db, query);
}

export function describeChainBreak(found: ChainBreak): string {
  switch (found.kind) {
    case 'altered':
      return `第 ${found.seq} 条审计记录的内容被改动（哈希不符）`;
    case 'relinked':
      return `第 ${found.seq} 条审计记录的前序哈希不符（其前一条被改动、删除或替换）`;
    case 'gap':
      return `审计记录序号不连续：应为第 ${found.expectedSeq} 条，实为第 ${found.seq} 条（有记录被删除）`;
    case 'truncated':
      return `审计链末尾缺失：链头记录到第 ${found.headSeq} 条，实际只到第 ${found.lastSeq} 条`;
  }
}
