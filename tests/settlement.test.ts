import { describe, expect, it } from 'vitest';
import { settleAreaDifference, settlementSummary } from '../src/allocation/settlement.js';
import { exampleSettlementRules, type SettlementRules } from '../src/projects/project-rules.js';
import { divideRoundingHalfUp } from '../src/shared/money.js';

// exampleSettlementRules: refund 4,800 元/㎡; excess 0–10㎡ at 3,200, 10–20㎡ at 5,600, beyond at 8,800.
const rules = exampleSettlementRules;

/** One price everywhere and an odd one, so that half fen appear. */
const oddPriceRules: SettlementRules = {
  shortfallRefundFenPerM2: 333,
  excessTiers: [{ upToExcessCenti: 1_000, priceFenPerM2: 333 }],
  beyondFenPerM2: 333,
};

describe('excess over the entitled area, tier by tier', () => {
  it('prices an excess inside the second tier', () => {
    // 90.00㎡ entitled, 105.37㎡ allocated: 15.37㎡ excess.
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [10_537] });
    expect(result).toEqual({
      entitledCenti: 9_000,
      allocatedCenti: 10_537,
      differenceCenti: 1_537,
      lines: [
        // 10.00㎡ × 3,200 元 = 32,000.00 元
        {
          kind: 'excess_tier',
          label: '超出应安置面积 0–10㎡ 部分',
          fromCenti: 0,
          toCenti: 1_000,
          areaCenti: 1_000,
          priceFenPerM2: 320_000,
          amountFen: 3_200_000,
        },
        // 5.37㎡ × 5,600 元 = 30,072.00 元
        {
          kind: 'excess_tier',
          label: '超出应安置面积 10–20㎡ 部分',
          fromCenti: 1_000,
          toCenti: 1_537,
          areaCenti: 537,
          priceFenPerM2: 560_000,
          amountFen: 3_007_200,
        },
      ],
      totalFen: 6_207_200,
    });
    expect(settlementSummary(result)).toBe('应补交 人民币 62,072.00 元（大写：陆万贰仟零柒拾贰元整）');
  });

  it('adds up several flats and prices what lies beyond the last tier at the market price', () => {
    // 60.25 + 45.18 = 105.43㎡ against 80.00㎡: 25.43㎡ excess, 5.43㎡ of it beyond 20㎡.
    const result = settleAreaDifference(rules, { entitledCenti: 8_000, flatAreasCenti: [6_025, 4_518] });
    expect(result.allocatedCenti).toBe(10_543);
    expect(result.differenceCenti).toBe(2_543);
    expect(result.lines.map((l) => [l.kind, l.fromCenti, l.toCenti, l.amountFen])).toEqual([
      ['excess_tier', 0, 1_000, 3_200_000],
      ['excess_tier', 1_000, 2_000, 5_600_000],
      ['excess_beyond', 2_000, 2_543, 4_778_400], // 5.43㎡ × 8,800 元 = 47,784.00 元
    ]);
    expect(result.lines[2]?.label).toBe('超出应安置面积 20㎡ 以上部分');
    expect(result.totalFen).toBe(13_578_400);
  });

  it('keeps an excess of exactly 10.00㎡ entirely in the first tier', () => {
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [10_000] });
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ kind: 'excess_tier', areaCenti: 1_000, amountFen: 3_200_000 });
    expect(result.totalFen).toBe(3_200_000);
  });

  it('gives an excess of exactly 20.00㎡ no zero-area line beyond the last tier', () => {
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [11_000] });
    expect(result.lines.map((l) => l.kind)).toEqual(['excess_tier', 'excess_tier']);
    expect(result.totalFen).toBe(8_800_000); // 32,000 + 56,000 元
  });

  it('moves into the next tier at one hundredth of a m² past the border', () => {
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [10_001] });
    // 10.00㎡ × 3,200 + 0.01㎡ × 5,600 = 32,000 + 56 元
    expect(result.lines.map((l) => l.amountFen)).toEqual([3_200_000, 5_600]);
    expect(result.totalFen).toBe(3_205_600);
  });

  it('prices the smallest excess', () => {
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [9_001] });
    expect(result.lines).toEqual([expect.objectContaining({ areaCenti: 1, amountFen: 3_200 })]);
  });

  it('labels fractional tier bounds as a person writes them', () => {
    const fractional: SettlementRules = {
      shortfallRefundFenPerM2: 0,
      excessTiers: [
        { upToExcessCenti: 750, priceFenPerM2: 100_000 },
        { upToExcessCenti: 1_225, priceFenPerM2: 200_000 },
      ],
      beyondFenPerM2: 300_000,
    };
    const result = settleAreaDifference(fractional, { entitledCenti: 6_000, flatAreasCenti: [7_500] });
    expect(result.lines.map((l) => l.label)).toEqual([
      '超出应安置面积 0–7.5㎡ 部分',
      '超出应安置面积 7.5–12.25㎡ 部分',
      '超出应安置面积 12.25㎡ 以上部分',
    ]);
    // 7.5㎡ × 1,000 + 4.75㎡ × 2,000 + 2.75㎡ × 3,000 = 7,500 + 9,500 + 8,250 元
    expect(result.lines.map((l) => l.amountFen)).toEqual([750_000, 950_000, 825_000]);
    expect(result.totalFen).toBe(2_525_000);
  });

  it('prices all excess at the market price when a project has no tiers', () => {
    const noTiers: SettlementRules = { ...rules, excessTiers: [] };
    const result = settleAreaDifference(noTiers, { entitledCenti: 9_000, flatAreasCenti: [9_250] });
    expect(result.lines).toEqual([
      {
        kind: 'excess_beyond',
        label: '超出应安置面积部分',
        fromCenti: 0,
        toCenti: 250,
        areaCenti: 250,
        priceFenPerM2: 880_000,
        amountFen: 2_200_000, // 2.50㎡ × 8,800 元
      },
    ]);
  });
});

describe('shortfall refund', () => {
  it('refunds the missing area as a negative amount', () => {
    // 90.00 − 87.43 = 2.57㎡ × 4,800 元 = 12,336.00 元 back to the household.
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [8_743] });
    expect(result.differenceCenti).toBe(-257);
    expect(result.lines).toEqual([
      {
        kind: 'shortfall_refund',
        label: '不足应安置面积部分（退还）',
        fromCenti: 0,
        toCenti: 257,
        areaCenti: 257,
        priceFenPerM2: 480_000,
        amountFen: -1_233_600,
      },
    ]);
    expect(result.totalFen).toBe(-1_233_600);
    expect(settlementSummary(result)).toBe('应退还 人民币 12,336.00 元（大写：壹万贰仟叁佰叁拾陆元整）');
  });

  it('writes a free refund as 0, not −0', () => {
    const free: SettlementRules = { ...rules, shortfallRefundFenPerM2: 0 };
    const result = settleAreaDifference(free, { entitledCenti: 9_000, flatAreasCenti: [8_900] });
    expect(result.lines[0]?.amountFen).toBe(0); // toBe compares with Object.is: −0 fails
    expect(result.totalFen).toBe(0);
    expect(settlementSummary(result)).toBe('面积无差价');
  });
});

describe('rounding to the fen', () => {
  it('rounds half a fen up, for payments and for the magnitude of refunds alike', () => {
    // 1.50㎡ × 3.33 元 = 4.995 元 → 5.00 元 either way (Math.round would give −4.99 for the refund).
    expect(settleAreaDifference(oddPriceRules, { entitledCenti: 9_000, flatAreasCenti: [9_150] }).totalFen).toBe(500);
    expect(settleAreaDifference(oddPriceRules, { entitledCenti: 9_000, flatAreasCenti: [8_850] }).totalFen).toBe(-500);
  });

  it('rounds below half a fen down and above it up', () => {
    // 1.49㎡ × 3.33 = 4.9617 → 4.96 元; 1.51㎡ × 3.33 = 5.0283 → 5.03 元
    expect(settleAreaDifference(oddPriceRules, { entitledCenti: 9_000, flatAreasCenti: [9_149] }).totalFen).toBe(496);
    expect(settleAreaDifference(oddPriceRules, { entitledCenti: 9_000, flatAreasCenti: [8_851] }).totalFen).toBe(-496);
    expect(settleAreaDifference(oddPriceRules, { entitledCenti: 9_000, flatAreasCenti: [9_151] }).totalFen).toBe(503);
  });

  it('rounds each line on its own, as the printed lines must add up to the total', () => {
    const split: SettlementRules = { ...oddPriceRules, excessTiers: [{ upToExcessCenti: 50, priceFenPerM2: 333 }] };
    // 0.50㎡ × 3.33 = 1.665 → 1.67 元, twice: 3.34 元 (one rounding over 1.00㎡ would give 3.33).
    const result = settleAreaDifference(split, { entitledCenti: 9_000, flatAreasCenti: [9_100] });
    expect(result.lines.map((l) => l.amountFen)).toEqual([167, 167]);
    expect(result.totalFen).toBe(334);
  });

  it('divides with integer arithmetic, half-up', () => {
    expect(divideRoundingHalfUp(5, 10)).toBe(1);
    expect(divideRoundingHalfUp(4, 10)).toBe(0);
    expect(divideRoundingHalfUp(15, 10)).toBe(2);
    expect(divideRoundingHalfUp(0, 7)).toBe(0);
    expect(divideRoundingHalfUp(9_007_199_254_740_991, 2)).toBe(4_503_599_627_370_496);
    for (const [numerator, divisor] of [
      [-5, 10],
      [5, 0],
      [1.5, 10],
      [2 ** 53, 10],
    ] as const) {
      expect(() => divideRoundingHalfUp(numerator, divisor)).toThrow(RangeError);
    }
  });
});

describe('no difference and bad input', () => {
  it('produces no lines when the flats match the entitlement exactly', () => {
    const result = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [4_500, 4_500] });
    expect(result).toEqual({ entitledCenti: 9_000, allocatedCenti: 9_000, differenceCenti: 0, lines: [], totalFen: 0 });
    expect(settlementSummary(result)).toBe('面积无差价');
  });

  it('refuses what is not a settlement rather than inventing one', () => {
    const repeatedBound = { upToExcessCenti: 1_000, priceFenPerM2: 320_000 };
    const bad: [SettlementRules, { entitledCenti: number; flatAreasCenti: number[] }][] = [
      [rules, { entitledCenti: 9_000, flatAreasCenti: [] }],
      [rules, { entitledCenti: -1, flatAreasCenti: [9_000] }],
      [rules, { entitledCenti: 9_000, flatAreasCenti: [9_000.5] }],
      [rules, { entitledCenti: 9_000, flatAreasCenti: [0] }],
      [rules, { entitledCenti: 0, flatAreasCenti: [9_000_000_000_000] }], // area × price beyond exact integers
      [
        { ...rules, excessTiers: [repeatedBound, repeatedBound] },
        { entitledCenti: 9_000, flatAreasCenti: [9_000] },
      ],
    ];
    for (const [r, input] of bad) expect(() => settleAreaDifference(r, input)).toThrow(RangeError);
  });
});

describe('settlementSummary', () => {
  it('writes the amount in figures and in capitals, with the direction in words', () => {
    const base = settleAreaDifference(rules, { entitledCenti: 9_000, flatAreasCenti: [9_001] });
    expect(settlementSummary({ ...base, totalFen: 1_234_567 })).toBe(
      '应补交 人民币 12,345.67 元（大写：壹万贰仟叁佰肆拾伍元陆角柒分）',
    );
    expect(settlementSummary({ ...base, totalFen: -5 })).toBe('应退还 人民币 0.05 元（大写：伍分）');
  });
});

describe('amounts beyond float range in the product, not in the result', () => {
  it('prices 9,999,999.99㎡ of excess at 1,000,000 元/㎡ exactly, though area × price passes 2^53', () => {
    const wide: SettlementRules = { shortfallRefundFenPerM2: 0, excessTiers: [], beyondFenPerM2: 100_000_000 };
    const result = settleAreaDifference(wide, { entitledCenti: 0, flatAreasCenti: [999_999_999] });
    expect(999_999_999 * 100_000_000).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(result.lines.map((l) => l.amountFen)).toEqual([999_999_999_000_000]);
  });
});
