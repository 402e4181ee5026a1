import { recordAudit } from '../audit/audit.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { RoundRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import { commitmentOf, compareCodePoints, DRAW_ALGORITHM, listHashOf, newSecret, runDraw } from './draw.js';
import { batchOf } from './queue.js';
import * as repo from './rounds.repo.js';
import { getRound, type RoundView, requireRound, roundRules } from './rounds.service.js';

async function advanceOrRefuse(trx: DbExecutor, round: RoundRow, from: string, changes: Partial<RoundRow>) {
  if (!(await repo.advanceRound(trx, round.id, from, changes))) {
    throw new AppError('CONFLICT', '轮次状态已变化，请刷新后重试', { field: 'status' });
  }
}

function requireStatus(round: RoundRow, status: string, message: string) {
  if (round.status !== status) throw new AppError('CONFLICT', message, { field: 'status' });
}

/** Before the draw: fix the list and publish sha256(list) and sha256(secret). */
export async function publishCommitment(deps: AppDeps, actor: Actor, roundId: string): Promise<RoundView> {
  await deps.db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, roundId);
    if (round.orderMethod !== 'lottery')
      throw new AppError('CONFLICT', '本轮不采用摇号确定顺序', { field: 'orderMethod' });
    requireStatus(round, 'open', '承诺值已公布，不能重复公布');
    const households = await repo.roundHouseholdsWithFacts(trx, roundId);
    if (households.length === 0) throw new AppError('CONFLICT', '本轮还没有参与户', { field: 'households' });
    const secret = newSecret();
    const now = deps.clock.now().toISOString();
    const changes = {
      status: 'committed',
      listHash: listHashOf(households.map((h) => h.code)),
      commitment: commitmentOf(secret),
      secret,
      committedAt: now,
      updatedAt: now,
    };
    await advanceOrRefuse(trx, round, 'open', changes);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.commit',
        entityType: 'round',
        entityId: roundId,
        projectId: round.projectId,
        // The audit row commits to the secret's hash only: the log must not leak it early.
        after: { listHash: changes.listHash, commitment: changes.commitment, households: households.length },
      },
    ]);
  });
  return getRound(deps, roundId);
}

async function writeOrder(trx: DbExecutor, round: RoundRow, orderedCodes: string[]) {
  const batchSize = roundRules(round).batchSize;
  const byCode = new Map((await repo.roundHouseholdsWithFacts(trx, round.id)).map((h) => [h.code, h.id]));
  await repo.setSelectionOrder(
    trx,
    orderedCodes.map((code, i) => ({
      id: byCode.get(code) ?? '',
      selectionOrder: i + 1,
      batch: batchOf(i + 1, batchSize),
    })),
  );
}

/** At the draw: the public value joins the committed list and secret; the order follows. */
export async function drawOrder(deps: AppDeps, actor: Actor, roundId: string, publicValue: string): Promise<RoundView> {
  await deps.db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, roundId);
    requireStatus(round, 'committed', round.status === 'open' ? '请先公布承诺值再摇号' : '本轮已摇号');
    const codes = (await repo.roundHouseholdsWithFacts(trx, roundId)).map((h) => h.code);
    const outcome = runDraw({ codes, secret: round.secret ?? '', publicValue });
    if (outcome.listHash !== round.listHash || outcome.commitment !== round.commitment) {
      throw new AppError('CONFLICT', '参与户名单与公布的承诺不一致，摇号已停止，请联系管理员核查', {
        field: 'listHash',
      });
    }
    const now = deps.clock.now().toISOString();
    await advanceOrRefuse(trx, round, 'committed', {
      status: 'ordered',
      publicValue,
      seed: outcome.seed,
      orderedAt: now,
      updatedAt: now,
    });
    await writeOrder(trx, round, outcome.order);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.draw',
        entityType: 'round',
        entityId: roundId,
        projectId: round.projectId,
        after: {
          algorithm: DRAW_ALGORITHM,
          publicValue,
          secret: round.secret,
          seed: outcome.seed,
          order: outcome.order,
        },
      },
    ]);
  });
  return getRound(deps, roundId);
}

/** Signing times are kept with milliseconds; 先签先选 compares whole seconds, so a tie within a second goes by 户号. */
const signedSecond = (iso: string | null): number => Math.floor(Date.parse(iso ?? '') / 1000);

/** 先签先选 by the compensation agreement's signing time to the second, ties by 户号; or an imported order. */
export async function fixOrder(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  importedCodes: string[] | undefined,
): Promise<RoundView> {
  await deps.db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, roundId);
    requireStatus(round, 'open', '本轮的选房顺序已确定');
    const households = await repo.roundHouseholdsWithFacts(trx, roundId);
    let order: string[];
    if (round.orderMethod === 'signing_time') {
      const unsigned = households.filter((h) => !h.compensationSignedAt).map((h) => h.code);
      if (unsigned.length > 0) {
        throw new AppError(
          'CONFLICT',
          `以下安置户没有补偿协议签订时间，无法按先签先选排序：${unsigned.slice(0, 10).join('、')}${unsigned.length > 10 ? ' 等' : ''}`,
          { field: 'households', details: { unsigned } },
        );
      }
      order = [...households]
        .sort(
          (a, b) =>
            signedSecond(a.compensationSignedAt) - signedSecond(b.compensationSignedAt) ||
            compareCodePoints(a.code, b.code),
        )
        .map((h) => h.code);
    } else if (round.orderMethod === 'imported') {
      const codes = importedCodes ?? [];
      const expected = new Set(households.map((h) => h.code));
      const missing = [...expected].filter((c) => !codes.includes(c));
      const unknown = codes.filter((c) => !expected.has(c));
      if (codes.length !== expected.size || missing.length > 0 || unknown.length > 0) {
        throw new AppError('BAD_REQUEST', '导入的顺序须恰好包含本轮每户一次', {
          field: 'codes',
          details: { missing, unknown },
        });
      }
      order = codes;
    } else {
      throw new AppError('CONFLICT', '摇号轮次请先公布承诺值，再现场摇号', { field: 'orderMethod' });
    }
    const now = deps.clock.now().toISOString();
    await advanceOrRefuse(trx, round, 'open', {
      status: 'ordered',
      listHash: listHashOf(households.map((h) => h.code)),
      orderedAt: now,
      updatedAt: now,
    });
    await writeOrder(trx, round, order);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.order',
        entityType: 'round',
        entityId: roundId,
        projectId: round.projectId,
        after: { method: round.orderMethod, order },
      },
    ]);
  });
  return getRound(deps, roundId);
}
