import { zipSync } from 'fflate';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/roles.js';
import { agreementsOfRound } from './agreements.repo.js';
import { agreementPdf } from './agreements.service.js';
import type { PrintJob } from './print-jobs.js';

/** Starts rendering every numbered agreement of the round into one zip; staff poll the returned job. */
export function startBatchPrint(deps: AppDeps, actor: Actor, roundId: string): PrintJob {
  return deps.printJobs.start(deps.clock, roundId, async (job) => {
    const agreements = await agreementsOfRound(deps.db, roundId);
    if (agreements.length === 0) throw new AppError('CONFLICT', '本轮还没有已编号的协议');
    job.total = agreements.length;
    const files: Record<string, Uint8Array> = {};
    for (const agreement of agreements) {
      files[`${agreement.number}.pdf`] = (await agreementPdf(deps, actor, agreement)).bytes;
      job.done += 1;
      // Yield between agreements so desks stay responsive while a batch renders.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return Buffer.from(zipSync(files, { level: 0 }));
  });
}
