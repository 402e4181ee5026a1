import { z } from 'zod';

/** A static file's name: one dot, no path. */
export const staticFileParams = z.object({ name: z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/) });
