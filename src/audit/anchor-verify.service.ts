import type { Config } from '../config.js';
import type { Db } from '../db/create-db.js';
import { type ChainReport, describeChainBreak, verifyAuditChain } from './audit.service.js';
import {
  type CheckpointProblem,
  type ClaimedCheckpoint,
  checkpointProblem,
  describeCheckpointProblem,
  hmacMatches,
} from './checkpoint.js';
import { auditHashesAt, readCheckpointPage } from './checkpoints.repo.js';

export interface AnchoredReport extends ChainReport {
  /** Stored checkpoints checked, plus the one given, if any. */
  checkpointsChecked: number;
  /** Every problem found, in Chinese, the given checkpoint's first; empty when all holds. */
  problems: string[];
  /** The lowest audit row named by a problem, null when there is none. */
  firstBrokenSeq: number | null;
}

const MAX_LISTED = 20;

/**
 * The chain walk, plus its anchors: the checkpoint given (`--checkpoint <seq>:<hash>`, published
 * before) and every stored one must still be rows of this chain, and with a key their HMAC must
 * match. A chain rewritten from an edited row onwards, head included, passes the walk but not this.
 */
export async function verifyAuditAnchored(
  deps: { db: Db; config: Config },
  claimed?: ClaimedCheckpoint,
  pageSize = 1000,
): Promise<AnchoredReport> {
  const chain = await verifyAuditChain(deps.db);
  const found: CheckpointProblem[] = [];
  let checked = 0;
  if (claimed) {
    checked += 1;
    const hashes = await auditHashesAt(deps.db, [claimed.seq]);
    const problem = checkpointProblem(claimed, claimed.seq <= chain.lastSeq ? hashes.get(claimed.seq) : undefined);
    if (problem) found.push(problem);
  }
  const key = deps.config.ANJU_AUDIT_HMAC_KEY;
  for (let afterId: string | null = null; ; ) {
    const page = await readCheckpointPage(deps.db, afterId, pageSize);
    const hashes = await auditHashesAt(
      deps.db,
      page.map((cp) => cp.seq),
    );
    for (const cp of page) {
      checked += 1;
      // Without the key a rewriter could fix the stored hash too; with it, that shows here.
      if (key !== undefined && !hmacMatches(key, cp))
        found.push({ kind: 'hmac', seq: cp.seq, at: cp.at, purpose: cp.purpose });
      const problem = checkpointProblem({ seq: cp.seq, hashPrefix: cp.hash }, hashes.get(cp.seq));
      if (problem) found.push(problem);
    }
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    afterId = last.id;
  }
  const problems = chain.firstBreak ? [describeChainBreak(chain.firstBreak)] : [];
  problems.push(...found.slice(0, MAX_LISTED).map(describeCheckpointProblem));
  if (found.length > MAX_LISTED) problems.push(`另有 ${found.length - MAX_LISTED} 处锚点问题未列出`);
  const seqs = found.map((p) => p.seq);
  if (chain.firstBreak) seqs.push('seq' in chain.firstBreak ? chain.firstBreak.seq : chain.firstBreak.lastSeq + 1);
  return {
    ...chain,
    ok: problems.length === 0,
    checkpointsChecked: checked,
    problems,
    firstBrokenSeq: seqs.reduce<number | null>((low, seq) => (low === null || seq < low ? seq : low), null),
  };
}
