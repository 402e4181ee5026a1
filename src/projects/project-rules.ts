import { z } from 'zod';

const fen = z.number().int().min(0).max(100_000_000);

/**
 * 面积差价 tiers. Excess over the entitled area is priced tier by tier: the first tier up to its
 * bound, the next up to its own, and beyond the last bound at the market price.
 */
export const settlementRulesSchema = z
  .object({
    shortfallRefundFenPerM2: fen.describe('面积不足部分的退还单价（分/㎡）'),
    excessTiers: z
      .array(
        z.object({
          upToExcessCenti: z.number().int().positive().describe('本档超面积上限（百分之一㎡，累计）'),
          priceFenPerM2: fen.describe('本档单价（分/㎡）'),
        }),
      )
      .max(10),
    beyondFenPerM2: fen.describe('超出最后一档的单价（市场价，分/㎡）'),
  })
  .refine(
    (r) => r.excessTiers.every((t, i, all) => i === 0 || t.upToExcessCenti > (all[i - 1]?.upToExcessCenti ?? 0)),
    {
      message: '各档超面积上限须逐档递增',
      path: ['excessTiers'],
    },
  );

/** 过渡费: per person or per m² of demolished area, monthly; raised after the standard period. */
export const transitionRulesSchema = z.object({
  basis: z.enum(['per_person', 'per_area']).describe('per_person 按人 / per_area 按被征收面积'),
  monthlyRateFen: fen.describe('每人或每㎡每月（分）'),
  minimumMonthlyFen: fen.default(0).describe('每户每月最低（分）'),
  standardMonths: z.number().int().min(1).max(120).describe('约定过渡期限（月）'),
  overdueMultiplierPercent: z.number().int().min(100).max(1000).describe('超期后按此百分比计发，如 200 即加倍'),
});

export type SettlementRules = z.infer<typeof settlementRulesSchema>;
export type TransitionRules = z.infer<typeof transitionRulesSchema>;

/** Figures in the range Lanzhou projects publish; a project states its own. */
export const exampleSettlementRules: SettlementRules = {
  shortfallRefundFenPerM2: 480_000,
  excessTiers: [
    { upToExcessCenti: 1_000, priceFenPerM2: 320_000 },
    { upToExcessCenti: 2_000, priceFenPerM2: 560_000 },
  ],
  beyondFenPerM2: 880_000,
};

export const exampleTransitionRules: TransitionRules = {
  basis: 'per_area',
  monthlyRateFen: 1_200,
  minimumMonthlyFen: 80_000,
  standardMonths: 36,
  overdueMultiplierPercent: 200,
};
