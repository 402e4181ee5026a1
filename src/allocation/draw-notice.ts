import { z } from 'zod';
import { checkpointSchema } from '../audit/checkpoint.js';
import { commitmentOf, DRAW_ALGORITHM, listHashOf, runDraw, sortByCodePoint } from './draw.js';

/** The published notice of a draw: every input and the result, enough to recompute it anywhere. */
export const drawNoticeSchema = z.object({
  algorithm: z.literal(DRAW_ALGORITHM),
  project: z.object({ code: z.string(), name: z.string() }),
  /** Who publishes the notice (the project's office); absent on notices published before it was printed. */
  issuer: z.string().optional(),
  round: z.object({ id: z.string(), name: z.string() }),
  households: z.array(z.string()),
  listHash: z.string(),
  commitment: z.string(),
  committedAt: z.string().nullable(),
  publicValue: z.string().nullable(),
  secret: z.string().nullable(),
  seed: z.string().nullable(),
  order: z.array(z.string()).nullable(),
  orderedAt: z.string().nullable(),
  /** The audit chain's head when the notice was produced; not an input of the draw. */
  auditCheckpoint: checkpointSchema.optional(),
});

export type DrawNotice = z.infer<typeof drawNoticeSchema>;

/** The public page that recomputes a round's draw in the resident's own browser; the notice's QR opens it. */
export const drawVerifierUrl = (publicUrl: string, roundId: string): string =>
  `${publicUrl.replace(/\/$/, '')}/public/rounds/${encodeURIComponent(roundId)}/verify`;

export interface NoticeCheck {
  ok: boolean;
  problems: string[];
  order: string[] | null;
}

/** Recomputes a notice from its own inputs; needs nothing but the notice. */
export function checkDrawNotice(notice: DrawNotice): NoticeCheck {
  const problems: string[] = [];
  const listHash = listHashOf(notice.households);
  if (listHash !== notice.listHash)
    problems.push(`listHash mismatch: recomputed ${listHash}, notice says ${notice.listHash}`);
  if (notice.secret === null || notice.publicValue === null) {
    problems.push('the draw has not happened yet: secret or publicValue missing');
    return { ok: false, problems, order: null };
  }
  const commitment = commitmentOf(notice.secret);
  if (commitment !== notice.commitment)
    problems.push(`commitment mismatch: sha256(secret) is ${commitment}, notice says ${notice.commitment}`);
  const outcome = runDraw({ codes: notice.households, secret: notice.secret, publicValue: notice.publicValue });
  if (outcome.seed !== notice.seed)
    problems.push(`seed mismatch: recomputed ${outcome.seed}, notice says ${notice.seed}`);
  const published = notice.order ?? [];
  const firstDiff = outcome.order.findIndex((code, i) => published[i] !== code);
  if (firstDiff >= 0 || published.length !== outcome.order.length) {
    const at = firstDiff >= 0 ? firstDiff : outcome.order.length;
    problems.push(
      `order mismatch at position ${at + 1}: recomputed ${outcome.order[at] ?? '(end)'}, notice says ${published[at] ?? '(end)'}`,
    );
  }
  if (sortByCodePoint(notice.households).join('\n') !== notice.households.join('\n'))
    problems.push('households are not sorted by code point');
  return { ok: problems.length === 0, problems, order: outcome.order };
}
