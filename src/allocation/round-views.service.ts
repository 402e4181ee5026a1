import { checkpointLine } from '../audit/checkpoint.js';
import { currentCheckpoint } from '../audit/checkpoint.service.js';
import { unitFacts } from '../buildings/unit-facts.js';
import { unitLabel } from '../buildings/unit-label.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { writeXlsx } from '../imports/xlsx-writer.js';
import { requireProject } from '../projects/projects.service.js';
import { formatCenti } from '../shared/area.js';
import { maskName } from '../shared/masking.js';
import { isPriorityHousehold } from './claim.js';
import { DRAW_ALGORITHM, sortByCodePoint } from './draw.js';
import type { DrawNotice } from './draw-notice.js';
import { fitProblem } from './fit.js';
import { forfeitText } from './forfeit-kinds.js';
import { liveForfeitsOfRound } from './forfeits.repo.js';
import type { InLine } from './queue.js';
import type { RoundHouseholdFacts } from './rounds.repo.js';
import * as roundsRepo from './rounds.repo.js';
import { requireRound } from './rounds.service.js';
import { loadRoundState, priorityWaitingCount } from './selection.service.js';
import * as selections from './selections.repo.js';
import { loadTurn, type RoundTurn, reasonOf, turnAnnouncement } from './turn.service.js';

/** Every household still to choose, in selection order, with where it stands (batches not yet open included). */
function stillToChoose(households: RoundHouseholdFacts[], turn: RoundTurn) {
  const inLine = new Map([...turn.passed, ...turn.notReady].map((e) => [e.household.householdId, reasonOf(turn, e)]));
  for (const h of turn.waiting) inLine.set(h.householdId, '等候选房');
  for (const h of turn.serving) inLine.set(h.householdId, '正在选房');
  return households
    .filter((h) => h.status === 'waiting' && h.selectionOrder !== null)
    .sort((a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0))
    .map((household) => ({
      household,
      reason: inLine.get(household.householdId) ?? (turn.day ? '所在批次未开放' : '等候选房'),
    }));
}

/** The desk's view of the line: who chooses now, who waits, who was passed over and why. Names unmasked: staff only. */
export async function queueState(deps: AppDeps, roundId: string) {
  const state = await loadRoundState(deps.db, roundId);
  const [turn, forfeits] = await Promise.all([
    loadTurn(deps.db, roundId, state.households),
    liveForfeitsOfRound(deps.db, roundId),
  ]);
  const entry = (h: RoundHouseholdFacts, reason: string) => ({
    householdId: h.householdId,
    code: h.code,
    headName: h.headName ?? '',
    position: h.selectionOrder,
    batch: h.batch,
    reason,
  });
  const unready = (e: InLine<RoundHouseholdFacts>) => ({
    ...entry(e.household, reasonOf(turn, e)),
    readiness: e.readiness,
  });
  const openBatches = [...(turn.day?.openBatches ?? [])];
  const kindOf = new Map(forfeits.map((f) => [f.householdId, f.kind]));
  return {
    roundId,
    status: state.round.status,
    currentBatch:
      turn.next?.batch ??
      turn.serving[0]?.batch ??
      Math.max(0, ...(turn.day ? openBatches : state.households.map((h) => h.batch ?? 0))),
    next: turn.next ? entry(turn.next, '等候选房') : null,
    serving: turn.serving.map((h) => entry(h, '正在选房')),
    ready: turn.waiting.map((h) => entry(h, '等候选房')),
    waiting: stillToChoose(state.households, turn).map((e) => entry(e.household, e.reason)),
    passed: turn.passed.map(unready),
    notReady: turn.notReady.map(unready),
    announcement: turnAnnouncement(turn),
    absent: state.households
      .filter((h) => h.status === 'absent')
      .map((h) => ({ householdId: h.householdId, code: h.code, position: h.selectionOrder })),
    forfeited: state.households
      .filter((h) => h.status === 'forfeited')
      .map((h) => ({
        householdId: h.householdId,
        code: h.code,
        position: h.selectionOrder,
        kind: kindOf.get(h.householdId) ?? 'forfeit',
        text: forfeitText[kindOf.get(h.householdId) ?? 'forfeit'] ?? '放弃选房',
      })),
    done: state.households.filter((h) => h.status === 'done').length,
    unitsLeft: state.units.filter((u) => u.status === 'available').length,
  };
}

/** Free flats of the round, each with whether this household may take it and why not. */
export async function optionsFor(deps: AppDeps, roundId: string, householdId: string) {
  const state = await loadRoundState(deps.db, roundId);
  const me = state.households.find((h) => h.householdId === householdId);
  if (!me) throw new AppError('NOT_FOUND', '该户不在本轮名单中', { field: 'householdId' });
  const mine = await selections.liveSelectionsOfHousehold(deps.db, roundId, householdId);
  const takenCenti = mine.reduce(
    (sum, s) => sum + (state.units.find((u) => u.id === s.unitId)?.buildingAreaCenti ?? 0),
    0,
  );
  const chooser = {
    entitledCenti: me.entitledAreaCenti,
    takenCenti,
    flatsLeftAfter: me.flatsAllowed - me.flatsTaken - 1,
    isPriority: isPriorityHousehold(me, state.rules.priority?.flags ?? []),
  };
  const priorityWaiting = priorityWaitingCount(state);
  return state.units
    .filter((u) => u.status === 'available')
    .map((u) => {
      const problem = fitProblem(state.rules, chooser, { ...u, rank: 0 }, priorityWaiting);
      return {
        unitId: u.id,
        label: unitLabel(u.buildingName, u.entranceNumber, u.room),
        floor: u.floor,
        layout: u.layout,
        buildingArea: formatCenti(u.buildingAreaCenti),
        allowed: problem === null,
        reason: problem?.message ?? null,
      };
    });
}

export async function drawNotice(deps: AppDeps, roundId: string): Promise<DrawNotice> {
  const round = await requireRound(deps.db, roundId);
  if (round.orderMethod !== 'lottery' || !round.commitment || !round.listHash) {
    throw new AppError('NOT_FOUND', '本轮没有摇号公示（尚未公布承诺值或不采用摇号）', { field: 'roundId' });
  }
  const project = await requireProject(deps.db, round.projectId);
  const households = await roundsRepo.roundHouseholdsWithFacts(deps.db, roundId);
  const drawn = round.status === 'ordered' || round.status === 'closed';
  const order = drawn
    ? [...households].sort((a, b) => (a.selectionOrder ?? 0) - (b.selectionOrder ?? 0)).map((h) => h.code)
    : null;
  // Taken after the facts were read, so the anchor covers every change the notice shows.
  const auditCheckpoint = await currentCheckpoint(deps);
  return {
    algorithm: DRAW_ALGORITHM,
    project: { code: project.code, name: project.name },
    issuer: project.officeName,
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
    auditCheckpoint,
  };
}

/** 公示: order and results with names masked by the one policy every public output uses. */
export async function publicResults(deps: AppDeps, roundId: string) {
  const round = await requireRound(deps.db, roundId);
  const project = await requireProject(deps.db, round.projectId);
  const [households, units, live, forfeits] = await Promise.all([
    roundsRepo.roundHouseholdsWithFacts(deps.db, roundId),
    selections.roundUnits(deps.db, roundId),
    selections.liveSelectionsOfRound(deps.db, roundId),
    liveForfeitsOfRound(deps.db, roundId),
  ]);
  const forfeitOf = new Map(forfeits.map((f) => [f.householdId, forfeitText[f.kind] ?? '放弃选房']));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const rows = [...households]
    .sort(
      (a, b) =>
        (a.selectionOrder ?? Number.MAX_SAFE_INTEGER) - (b.selectionOrder ?? Number.MAX_SAFE_INTEGER) ||
        a.code.localeCompare(b.code),
    )
    .map((h) => {
      const flats = live
        .filter((s) => s.householdId === h.householdId)
        .map((s) => unitById.get(s.unitId))
        .filter((u) => u !== undefined);
      return {
        position: h.selectionOrder,
        batch: h.batch,
        code: h.code,
        headName: maskName(h.headName ?? ''),
        flats: flats.map((u) => unitLabel(u.buildingName, u.entranceNumber, u.room)),
        buildingArea: flats.length > 0 ? formatCenti(flats.reduce((sum, u) => sum + u.buildingAreaCenti, 0)) : null,
        note: forfeitOf.get(h.householdId) ?? null,
      };
    });
  // Taken after the facts were read, so the anchor covers every change the 公示 shows.
  const auditCheckpoint = await currentCheckpoint(deps);
  return {
    project: project.name,
    round: round.name,
    status: round.status,
    rows,
    unitsLeft: units.filter((u) => u.status === 'available').length,
    auditCheckpoint,
  };
}

export async function publicResultsXlsx(deps: AppDeps, roundId: string): Promise<Buffer> {
  const results = await publicResults(deps, roundId);
  return writeXlsx(
    '选房结果公示',
    ['选房顺序号', '批次', '户号', '户主', '所选房源', '建筑面积(㎡)', '备注'],
    results.rows.map((r) => [
      r.position,
      r.batch,
      r.code,
      r.headName,
      r.flats.join('、'),
      r.buildingArea,
      r.note ?? '',
    ]),
    [checkpointLine(results.auditCheckpoint)],
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
