import type { RoundRules } from './round-rules.js';

export interface FlatCandidate {
  id: string;
  floor: number;
  buildingAreaCenti: number;
  /** Position in the building listing, for a stable tie-break. */
  rank: number;
}

export interface Chooser {
  entitledCenti: number;
  /** Area of the flats this household already took in the round. */
  takenCenti: number;
  /** Flats still allowed after this one. */
  flatsLeftAfter: number;
  isPriority: boolean;
}

export type FitProblem = { code: 'AREA_TOO_LARGE' | 'AREA_TOO_SMALL' | 'RESERVED_FOR_PRIORITY'; message: string };

/** Why this flat cannot go to this household under the round's rules, or null when it can. */
export function fitProblem(
  rules: RoundRules,
  chooser: Chooser,
  flat: FlatCandidate,
  priorityWaiting: number,
): FitProblem | null {
  const total = chooser.takenCenti + flat.buildingAreaCenti;
  if (total > chooser.entitledCenti + rules.maxExcessCenti) {
    return {
      code: 'AREA_TOO_LARGE',
      message: `该房源面积超出本户应安置面积的允许范围（最多超出 ${rules.maxExcessCenti / 100} ㎡）`,
    };
  }
  if (
    rules.maxShortfallCenti !== null &&
    chooser.flatsLeftAfter === 0 &&
    total < chooser.entitledCenti - rules.maxShortfallCenti
  ) {
    return {
      code: 'AREA_TOO_SMALL',
      message: `所选面积低于本户应安置面积过多（最多低于 ${rules.maxShortfallCenti / 100} ㎡）`,
    };
  }
  if (isReserved(rules, flat.floor, chooser.isPriority, priorityWaiting)) {
    const floors = rules.priority?.floorsAtMost ?? 0;
    return { code: 'RESERVED_FOR_PRIORITY', message: `${floors} 层及以下房源优先由高龄、残疾户选择，尚有优先户未选` };
  }
  return null;
}

export function isReserved(
  rules: RoundRules,
  floor: number,
  choosesWithPriority: boolean,
  priorityWaiting: number,
): boolean {
  if (!rules.priority || choosesWithPriority || priorityWaiting === 0) return false;
  return floor >= 1 && floor <= rules.priority.floorsAtMost;
}

/**
 * Automatic allocation's choice: the fitting flat closest to the entitlement; priority households
 * then prefer the lowest floor, everyone else the building order.
 */
export function bestFit<F extends FlatCandidate>(
  rules: RoundRules,
  chooser: Chooser,
  flats: readonly F[],
  priorityWaiting: number,
): F | null {
  const fitting = flats.filter((f) => fitProblem(rules, chooser, f, priorityWaiting) === null);
  const gap = (f: F) => Math.abs(chooser.takenCenti + f.buildingAreaCenti - chooser.entitledCenti);
  fitting.sort((a, b) => gap(a) - gap(b) || (chooser.isPriority ? a.floor - b.floor : 0) || a.rank - b.rank);
  return fitting[0] ?? null;
}
