import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db, DbExecutor } from '../db/create-db.js';
import { readAuditHead } from './audit.repo.js';
import { type Checkpoint, checkpointHmac } from './checkpoint.js';
import { auditTimeAt, insertCheckpoint } from './checkpoints.repo.js';

export interface AnchorDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** Purpose of checkpoints shown on public documents; they are computed, never stored. */
export const PUBLIC_PURPOSE = 'public';

const sign = (config: Config, cp: { seq: number; hash: string; at: string; purpose: string }): string | null =>
  config.ANJU_AUDIT_HMAC_KEY === undefined ? null : checkpointHmac(config.ANJU_AUDIT_HMAC_KEY, cp);

/**
 * The chain's head as a checkpoint for a public document (notice, 公示), stored nowhere: an
 * anonymous GET must not write. Its time is the head row's own, so the same head gives the same
 * checkpoint and the notice PDF is still rendered once per content (per head) for a crowd of phones.
 */
export async function currentCheckpoint(deps: AnchorDeps): Promise<Checkpoint> {
  const head = await readAuditHead(deps.db);
  const at = (await auditTimeAt(deps.db, head.lastSeq)) ?? deps.clock.now().toISOString();
  const cp = { seq: head.lastSeq, hash: head.lastHash, at, purpose: PUBLIC_PURPOSE };
  return { seq: cp.seq, hash: cp.hash, at: cp.at, hmac: sign(deps.config, cp) };
}

/**
 * Takes and keeps a checkpoint inside the caller's transaction (a closing report): the row lets
 * audit:verify check later that the chain still extends every anchor that was handed out.
 */
export async function recordCheckpoint(
  trx: DbExecutor,
  deps: Omit<AnchorDeps, 'db'>,
  purpose: string,
): Promise<Checkpoint> {
  const head = await readAuditHead(trx);
  const cp = { seq: head.lastSeq, hash: head.lastHash, at: deps.clock.now().toISOString(), purpose };
  const hmac = sign(deps.config, cp);
  await insertCheckpoint(trx, { id: randomUUID(), ...cp, hmac });
  return { seq: cp.seq, hash: cp.hash, at: cp.at, hmac };
}
