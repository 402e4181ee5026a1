import { z } from 'zod';

export const orderMethods = ['lottery', 'signing_time', 'imported'] as const;
export type OrderMethod = (typeof orderMethods)[number];

export const priorityFlags = ['elderly', 'disabled'] as const;

export const roundRulesSchema = z.object({
  maxExcessCenti: z.number().int().min(0).max(100_000).describe('所选房源合计面积最多超出应安置面积（百分之一㎡）'),
  maxShortfallCenti: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .nullable()
    .default(null)
    .describe('最多低于应安置面积（百分之一㎡），null 不限'),
  priority: z
    .object({
      floorsAtMost: z.number().int().min(1).max(100).describe('优先户先选的楼层上限 K'),
      flags: z.array(z.enum(priorityFlags)).min(1),
    })
    .nullable()
    .default(null)
    .describe('高龄/残疾户优先选择 K 层及以下房源'),
  batchSize: z.number().int().min(1).max(500).default(10).describe('每批户数'),
  unchosenOnClose: z
    .enum(['deemed_forfeit', 'keep_right'])
    .default('deemed_forfeit')
    .describe(
      '本轮结束时仍未选房的户：deemed_forfeit 视为放弃（限期不选视同放弃）；keep_right 保留选房权，可参加以后的轮次',
    ),
});

export type RoundRules = z.infer<typeof roundRulesSchema>;
export type RoundRulesInput = z.input<typeof roundRulesSchema>;

/**
 * A household's standing in a round's line: `done` means it holds the flats it may take, not that
 * the day is over.
 */
export const roundHouseholdStatusLabels: Record<string, string> = {
  waiting: '等候选房',
  absent: '登记未到场',
  done: '已选房',
  forfeited: '已放弃',
};

export const roundStatusText: Record<string, string> = {
  open: '编制名单',
  committed: '已公布承诺值，待摇号',
  ordered: '选房中',
  closed: '已结束',
};
