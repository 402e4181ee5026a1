import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importReport = z.object({
  dryRun: z.boolean(),
  ok: z.boolean(),
  written: z.boolean(),
  dataRows: z.number(),
  households: z.number().optional(),
  members: z.number().optional(),
  units: z.number().optional(),
  issues: z.array(
    z.object({
      row: z.number().nullable(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      message: z.string(),
    }),
  ),
  warnings: z
    .array(z.string())
    .optional()
    .describe('不影响导入的提示：姓名中系统字库无法打印的字，协议上留空由经办人手写'),
});

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1')
    .describe('true 只检查不写入'),
});
