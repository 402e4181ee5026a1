import { unitFacts } from '../buildings/unit-facts.js';
import { unitLabel } from '../buildings/unit-label.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { writeXlsx } from '../imports/xlsx-writer.js';
import { requireProject } from '../projects/projects.service.js';
import { formatCenti } from '../shared/area.js';
import { maskName } from '../shared/id-number.js';
import { isPriorityHousehold } from './claim.js';
import type { DrawNotice } from './draw-notice.js';
import { DRAW_ALGORITHM, sortByCodePoint } from './draw.js';
import { fitProblem } from './fit.js';
import { currentBatch, turnOrder } from './queue.js';
import * as roundsRepo from './rounds.repo.js';
import { requireRound } from './rounds.service.js';
import * as selections from './selections.repo.js';
import { loadRoundState, priorityWaitingCount, toQueueEntry } from './selection.service.js';

/** The desk's view of the queue: whose turn it is, who waits, who is absent. Names unmasked: staff only. */
export async function queueState(deps: AppDeps, roundId: string) {
  const state = await loadRoundState(deps.db, roundId);
  const entries = state.households.map(toQueueEntry);
  const byId = new Map(state.households.map((h) => [h.householdId, h]));
  const line = turnOrder(entries).map((e) => {
    const h = byId.get(e.householdId);
    return { householdId: e.householdId, code: h?.code ?? '', headName: h?.headName ?? '', position: h?.selectionOrder ?? null, batch: h?.batch ?? null, returned: e.returnedInBatch !== null };
  });
  return {
    roundId,
    status: state.round.status,
    currentBatch: currentBatch(entries),
    next: line[0] ?? null,
    waiting: line,
    absent: state.households.filter((h) => h.status === 'absent').map((h) => ({ householdId: h.householdId, code: h.code, position: h.selectionOrder })),
    done: state.households.filter((h) => h.status === 'done').length,
    unitsLeft: state.units.filter((u) => u.status === 'available').length,
  };
}

/** Free flats of the round, each with whether this household may take it and why not. */
export async function optionsFor(deps: AppDeps, roundId: string, householdId: string) {
  const state = await loadRoundState(deps.db, roundId);
  const me = state.households.find((h) => h.householdId === householdId);
  if (!me) throw new AppError('NOT_FOUND', '该户不在本批次名单中', { field: 'householdId' });
  const mine = await selections.liveSelectionsOfHousehold(deps.db, roundId, householdId);
  const takenCenti = mine.reduce((sum, s) => sum + (state.units.find((u) => u.id === s.unitId)?.buildingAreaCenti ?? 0), 0);
  const chooser = { entitledCenti: me.entitledAreaCenti, takenCenti, flatsLeftAfter: me.flatsAllowed - me.flatsTaken - 1, isPriority: isPriorityHousehold(me, state.rules.priority?.flags ?? []) };
  const priorityWaiting = priorityWaitingCount(state);
  return state.units
    .filter((u) => u.status === 'available')
    .map((u) => {
      const problem = fitProblem(state.rules, chooser, { ...u, rank: 0 }, priorityWaiting);
      return { unitId: u.id, label: unitLabel(u.buildingName, u.entranceNumber, u.room), floor: u.floor, layout: u.layout, buildingArea: formatCenti(u.buildingAreaCenti), allowed: problem === null, reason: problem?.message ?? null };
    });
}

export async function drawNotice(deps: AppDeps, roundId: string): Promise<DrawNotice> {
  const round = await requireRound(deps.db, roundId);
  if (round.orderMethod !== 'lottery' || !round.commitment || !round.listHash) {
    throw new AppError('NOT_FOUND', '本批次没有摇号公示（尚未公布承诺值或不采用摇号）', { field: 'roundId' });
  }
  const project = await requireProject(deps.db, round.projectId);
  const households = await roundsRepo.roundHouseholdsWithFacts(deps.db, roundId);
  const drawn = round.status === 'ordered' || round.status === 'closed';
  const order = drawn ? [...households].sort((a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0)).map((h) => h.code) : null;
  return {
    algorithm: DRAW_ALGORITHM,
    project: { code: project.code, name: project.name },
    round: { id: round.id, name: round.name },
    households: sortByCodePoint(households.map((h) => h.code)),
    listHash: round.listHash,
    commitment: round.commitment,
    committedAt: round.committedAt,
    publicValue: drawn ? round.publicValue : null,
    secret: drawn ? round.secret : null,
    seed: drawn ? round.seed : null,
    order,
    orderedAt: drawn ? round.orderedAt : null,
  };
}

/** 公示: order and results with names masked by the one policy every public output uses. */
export async function publicResults(deps: AppDeps, roundId: string) {
  const round = await requireRound(deps.db, roundId);
  const project = await requireProject(deps.db, round.projectId);
  const [households, units, live] = await Promise.all([
    roundsRepo.roundHouseholdsWithFacts(deps.db, roundId),
    selections.roundUnits(deps.db, roundId),
    selections.liveSelectionsOfRound(deps.db, roundId),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const rows = [...households]
    .sort((a, b) => (a.selectionOrder ?? Number.MAX_SAFE_INTEGER) - (b.selectionOrder ?? Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code))
    .map((h) => {
      const flats = live.filter((s) => s.householdId === h.householdId).map((s) => unitById.get(s.unitId)).filter((u) => u !== undefined);
      return {
        position: h.selectionOrder,
        batch: h.batch,
        code: h.code,
        headName: maskName(h.headName ?? ''),
        flats: flats.map((u) => unitLabel(u.buildingName, u.entranceNumber, u.room)),
        buildingArea: flats.length > 0 ? formatCenti(flats.reduce((sum, u) => sum + u.buildingAreaCenti, 0)) : null,
      };
    });
  return { project: project.name, round: round.name, status: round.status, rows, unitsLeft: units.filter((u) => u.status === 'available').length };
}

export async function publicResultsXlsx(deps: AppDeps, roundId: string): Promise<Buffer> {
  const results = await publicResults(deps, roundId);
  return writeXlsx(
    '选房结果公示',
    ['选房顺序号', '批次', '户号', '户主', '所选房源', '建筑面积(㎡)'],
    results.rows.map((r) => [r.position, r.batch, r.code, r.headName, r.flats.join('、'), r.buildingArea]),
  );
}

/** The sales board's flats (销控表): where each flat is, what it is and whether it is still free — no household data. */
export async function publicUnits(deps: AppDeps, roundId: string) {
  const round = await requireRound(deps.db, roundId);
  const project = await requireProject(deps.db, round.projectId);
  const units = await selections.roundUnits(deps.db, roundId);
  return {
    project: project.name,
    round: round.name,
    units: units.map((u) => ({ unitId: u.id, ...unitFacts(u) })),
  };
}
