import { z } from 'zod';

export const closingReportQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD') });
