import { z } from 'zod';

// What the public hall route (hall.routes.ts) answers.

export const hallStateView = z.object({
  calls: z.array(
    z.object({
      position: z.number(),
      maskedName: z.string(),
      desk: z.string(),
      stage: z.string(),
      calledAt: z.string(),
    }),
  ),
  counts: z.object({ arrived: z.number(), waiting: z.number(), chosen: z.number() }),
});
