import { z } from 'zod';
import { roles } from '../shared/roles.js';

// What the login routes accept and answer.

export const staffOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
});

export const loginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const loginView = z.object({ staff: staffOut, expiresAt: z.string() });

export const loginFailuresView = z.array(
  z.object({
    subject: z.string(),
    failures: z.number(),
    firstFailedAt: z.string(),
    lastFailedAt: z.string(),
    nextAllowedAt: z.string().nullable(),
  }),
);
export const clearFailuresInput = z.object({ subject: z.string().trim().min(3).max(200) });
