import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import { listUnits } from '../buildings/buildings.repo.js';
import type { DbExecutor } from '../db/create-db.js';
import type { RoundRow } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { listProjectHouseholds } from '../households/households.repo.js';
import { requireProject } from '../projects/projects.service.js';
import type { Actor } from '../shared/roles.js';
import {
  type OrderMethod,
  type RoundRules,
  type RoundRulesInput,
  roundRulesSchema,
  roundStatusText,
} from './round-rules.js';
import * as repo from './rounds.repo.js';

export async function requireRound(db: DbExecutor, id: string): Promise<RoundRow> {
  const round = await repo.findRound(db, id);
  if (!round) throw notFound('选房轮次', 'roundId');
  return round;
}

export const roundRules = (round: RoundRow): RoundRules => roundRulesSchema.parse(JSON.parse(round.rules));

/** The secret stays out of every view until the draw has revealed it. */
export function toRoundView(round: RoundRow, counts: { households: number; units: number }) {
  const revealed = round.status === 'ordered' || round.status === 'closed';
  return {
    id: round.id,
    projectId: round.projectId,
    name: round.name,
    orderMethod: round.orderMethod as OrderMethod,
    status: round.status,
    statusText: roundStatusText[round.status] ?? round.status,
    rules: roundRules(round),
    listHash: round.listHash,
    commitment: round.commitment,
    secret: revealed ? round.secret : null,
    publicValue: round.publicValue,
    seed: round.seed,
    committedAt: round.committedAt,
    orderedAt: round.orderedAt,
    households: counts.households,
    units: counts.units,
  };
}

export type RoundView = ReturnType<typeof toRoundView>;

export interface RoundMembership {
  /** Default: every household of the project. */
  households?: { householdId: string; flatsAllowed?: number | undefined }[] | undefined;
  /** Default: every available flat of the project. */
  unitIds?: string[] | undefined;
}

export interface NewRoundInput extends RoundMembership {
  name: string;
  orderMethod: OrderMethod;
  rules: RoundRulesInput;
}

async function writeMembership(trx: DbExecutor, round: RoundRow, input: RoundMembership) {
  const known = new Map((await listProjectHouseholds(trx, round.projectId)).map((h) => [h.id, h]));
  const wanted = input.households ?? [...known.keys()].map((householdId) => ({ householdId, flatsAllowed: 1 }));
  const unknown = wanted.findIndex((w) => !known.has(w.householdId));
  if (unknown >= 0)
    throw new AppError('BAD_REQUEST', '名单中有不属于本项目的安置户', { field: `households.${unknown}.householdId` });
  if (new Set(wanted.map((w) => w.householdId)).size !== wanted.length)
    throw new AppError('BAD_REQUEST', '名单中有重复的安置户', { field: 'households' });
  const units = await listUnits(trx, round.projectId);
  const unitIds = input.unitIds ?? units.filter((u) => u.status === 'available').map((u) => u.id);
  const projectUnits = new Set(units.map((u) => u.id));
  const badUnit = unitIds.findIndex((id) => !projectUnits.has(id));
  if (badUnit >= 0) throw new AppError('BAD_REQUEST', '房源不属于本项目', { field: `unitIds.${badUnit}` });
  await repo.replaceRoundHouseholds(
    trx,
    round.id,
    wanted.map((w) => ({ id: randomUUID(), householdId: w.householdId, flatsAllowed: w.flatsAllowed ?? 1 })),
  );
  await repo.replaceRoundUnits(trx, round.id, [...new Set(unitIds)]);
  return { households: wanted.length, units: new Set(unitIds).size };
}

export async function createRound(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  input: NewRoundInput,
): Promise<RoundView> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await requireProject(trx, projectId);
    if ((await repo.listRounds(trx, projectId)).some((r) => r.name === input.name)) {
      throw new AppError('DUPLICATE', `已有名为“${input.name}”的选房轮次`, { field: 'name' });
    }
    const round: RoundRow = {
      id: randomUUID(),
      projectId,
      name: input.name,
      orderMethod: input.orderMethod,
      status: 'open',
      rules: JSON.stringify(roundRulesSchema.parse(input.rules)),
      listHash: null,
      commitment: null,
      secret: null,
      publicValue: null,
      seed: null,
      committedAt: null,
      orderedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertRound(trx, round);
    const counts = await writeMembership(trx, round, input);
    const view = toRoundView(round, counts);
    await recordAudit(trx, deps.clock, actor, [
      { action: 'round.create', entityType: 'round', entityId: round.id, projectId, after: view },
    ]);
    return view;
  });
}

/** The list may change only while the round is open: after a commitment or an order it is fixed. */
export async function replaceMembership(
  deps: AppDeps,
  actor: Actor,
  roundId: string,
  input: RoundMembership,
): Promise<RoundView> {
  return deps.db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, roundId);
    if (round.status !== 'open') {
      throw new AppError('CONFLICT', '本轮已公布摇号承诺值或已确定选房顺序，参与户和房源名单不能再更改', {
        field: 'households',
      });
    }
    const before = await countsOf(trx, roundId);
    const counts = await writeMembership(trx, round, input);
    await recordAudit(trx, deps.clock, actor, [
      {
        action: 'round.membership',
        entityType: 'round',
        entityId: roundId,
        projectId: round.projectId,
        before,
        after: { ...counts, households: input.households, unitIds: input.unitIds },
      },
    ]);
    return toRoundView(round, counts);
  });
}

const countsOf = repo.countRoundMembers;

export async function getRound(deps: AppDeps, roundId: string): Promise<RoundView> {
  const round = await requireRound(deps.db, roundId);
  return toRoundView(round, await countsOf(deps.db, roundId));
}

export async function listRounds(deps: AppDeps, projectId: string): Promise<RoundView[]> {
  await requireProject(deps.db, projectId);
  const rounds = await repo.listRounds(deps.db, projectId);
  return Promise.all(rounds.map(async (r) => toRoundView(r, await countsOf(deps.db, r.id))));
}

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    round: RoundView;
    roundMembership: RoundMembership;
  }
}
