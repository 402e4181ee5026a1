import { randomUUID } from 'node:crypto';
import type { DbExecutor } from '../db/create-db.js';
import type { Actor } from '../shared/roles.js';
import { formatShanghai } from '../shared/time.js';
import * as repo from './agreements.repo.js';

export interface AgreementFor {
  projectId: string;
  projectCode: string;
  roundId: string;
  householdId: string;
  replacesId?: string;
}

/** Numbers agreements per project and year (FJW-2026-0001) inside the caller's transaction. */
export async function issueAgreementRecord(
  trx: DbExecutor,
  actor: Actor,
  now: string,
  target: AgreementFor,
): Promise<{ id: string; number: string }> {
  const year = formatShanghai(now).slice(0, 4);
  const sequence = await repo.nextCounterValue(trx, target.projectId, `agreement-${year}`);
  const number = `${target.projectCode}-${year}-${String(sequence).padStart(4, '0')}`;
  const id = randomUUID();
  await repo.insertAgreement(trx, {
    id,
    projectId: target.projectId,
    roundId: target.roundId,
    householdId: target.householdId,
    number,
    status: 'issued',
    signedAt: now,
    signedBy: actor.name,
    replacesId: target.replacesId ?? null,
  });
  return { id, number };
}
