/**
 * 面积差价结算 (多退少补): the allocated flats against the household's entitled area.
 *
 * Areas are integer hundredths of m² (centi), prices fen per m², so a line's amount is
 * areaCenti × price / 100, rounded half-up to the fen once per line; a refund rounds its
 * magnitude half-up, so a refund and a payment of the same area are the same size.
 * Excess is priced tier by tier: each tier's bound is cumulative excess, a border value belongs
 * to the lower tier, and only tiers the excess actually reaches produce a line.
 * A line's fromCenti/toCenti measure the stretch of excess (or shortfall) it covers, counted from
 * the entitled area, so a 15.37 m² excess shows as 0–10 and 10–15.37.
 */
import type { SettlementRules } from '../projects/project-rules.js';
import { productDividedRoundingHalfUp } from '../shared/money.js';
import { formatYuan, rmbCapital } from './rmb-capital.js';

export type SettlementLineKind = 'shortfall_refund' | 'excess_tier' | 'excess_beyond';

export interface SettlementLine {
  kind: SettlementLineKind;
  label: string;
  fromCenti: number;
  toCenti: number;
  areaCenti: number;
  priceFenPerM2: number;
  /** Positive: the household pays; negative: the household is refunded. */
  amountFen: number;
}

export interface SettlementResult {
  entitledCenti: number;
  allocatedCenti: number;
  /** allocated − entitled: positive is excess, negative is shortfall. */
  differenceCenti: number;
  lines: SettlementLine[];
  totalFen: number;
}

export interface SettlementInput {
  entitledCenti: number;
  /** One entry per allocated flat; a household entitled to two flats settles on their sum. */
  flatAreasCenti: readonly number[];
}

export function settleAreaDifference(rules: SettlementRules, input: SettlementInput): SettlementResult {
  requireArea('entitledCenti', input.entitledCenti, 0);
  if (input.flatAreasCenti.length === 0) throw new RangeError('a settlement needs at least one allocated flat');
  for (const area of input.flatAreasCenti) requireArea('flat area', area, 1);
  requireIncreasingTiers(rules);

  const allocatedCenti = input.flatAreasCenti.reduce((sum, area) => sum + area, 0);
  const differenceCenti = allocatedCenti - input.entitledCenti;
  const lines =
    differenceCenti < 0
      ? [shortfallLine(rules, -differenceCenti)]
      : differenceCenti > 0
        ? excessLines(rules, differenceCenti)
        : [];
  return {
    entitledCenti: input.entitledCenti,
    allocatedCenti,
    differenceCenti,
    lines,
    totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
  };
}

/** The sentence the agreement prints under the table. */
export function settlementSummary(result: SettlementResult): string {
  if (result.totalFen === 0) return '面积无差价';
  const verb = result.totalFen > 0 ? '应补交' : '应退还';
  const magnitude = Math.abs(result.totalFen);
  return `${verb} 人民币 ${formatYuan(magnitude)} 元（大写：${rmbCapital(magnitude)}）`;
}

function shortfallLine(rules: SettlementRules, shortfallCenti: number): SettlementLine {
  const price = rules.shortfallRefundFenPerM2;
  const refund = priceOfArea(shortfallCenti, price);
  return {
    kind: 'shortfall_refund',
    label: '不足应安置面积部分（退还）',
    fromCenti: 0,
    toCenti: shortfallCenti,
    areaCenti: shortfallCenti,
    priceFenPerM2: price,
    // 0 - refund rather than -refund: a free refund must stay 0, not -0.
    amountFen: 0 - refund,
  };
}

function excessLines(rules: SettlementRules, excessCenti: number): SettlementLine[] {
  const lines: SettlementLine[] = [];
  let tierStart = 0;
  for (const tier of rules.excessTiers) {
    if (excessCenti <= tierStart) return lines;
    const toCenti = Math.min(excessCenti, tier.upToExcessCenti);
    lines.push(
      excessLine(
        'excess_tier',
        `超出应安置面积 ${m2(tierStart)}–${m2(tier.upToExcessCenti)}㎡ 部分`,
        tierStart,
        toCenti,
        tier.priceFenPerM2,
      ),
    );
    tierStart = tier.upToExcessCenti;
  }
  if (excessCenti > tierStart) {
    const label = tierStart === 0 ? '超出应安置面积部分' : `超出应安置面积 ${m2(tierStart)}㎡ 以上部分`;
    lines.push(excessLine('excess_beyond', label, tierStart, excessCenti, rules.beyondFenPerM2));
  }
  return lines;
}

function excessLine(
  kind: SettlementLineKind,
  label: string,
  fromCenti: number,
  toCenti: number,
  price: number,
): SettlementLine {
  const areaCenti = toCenti - fromCenti;
  return { kind, label, fromCenti, toCenti, areaCenti, priceFenPerM2: price, amountFen: priceOfArea(areaCenti, price) };
}

function priceOfArea(areaCenti: number, priceFenPerM2: number): number {
  // Exact however large area × price gets: only the amount itself must fit in whole fen.
  return productDividedRoundingHalfUp([areaCenti, priceFenPerM2], 100);
}

/** Tier bounds as a person writes them: "10", "7.5", "12.25". */
function m2(centi: number): string {
  const whole = Math.floor(centi / 100);
  const fraction = centi % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}

/** The schema refuses such rules; rules arriving another way must not price a negative area. */
function requireIncreasingTiers(rules: SettlementRules): void {
  rules.excessTiers.forEach((tier, i) => {
    const previousBound = rules.excessTiers[i - 1]?.upToExcessCenti ?? 0;
    if (tier.upToExcessCenti <= previousBound)
      throw new RangeError('excess tier bounds must increase from tier to tier');
  });
}

function requireArea(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be a whole number of hundredths of m², at least ${minimum}, not ${value}`);
  }
}
