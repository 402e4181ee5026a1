import { randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import type { Actor } from '../auth/roles.js';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { agreementsOfRound } from './agreements.repo.js';
import { agreementPdf } from './agreements.service.js';

export interface PrintJob {
  id: string;
  roundId: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  file: Buffer | null;
}

const KEEP_JOBS = 20;

/**
 * Batch printing runs in the background of the one service process; staff poll its progress.
 * Jobs live in memory: a restart loses an unfinished job, which is simply started again.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, PrintJob>();

  start(deps: AppDeps, actor: Actor, roundId: string): PrintJob {
    const job: PrintJob = {
      id: randomUUID(),
      roundId,
      status: 'running',
      done: 0,
      total: 0,
      startedAt: deps.clock.now().toISOString(),
      finishedAt: null,
      error: null,
      file: null,
    };
    this.jobs.set(job.id, job);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS))) this.jobs.delete(id);
    void this.run(deps, actor, job);
    return job;
  }

  /** The job, or undefined: the access check asks before the route answers 404. */
  find(id: string): PrintJob | undefined {
    return this.jobs.get(id);
  }

  get(id: string): PrintJob {
    const job = this.jobs.get(id);
    if (!job) throw notFound('打印任务', 'jobId');
    return job;
  }

  private async run(deps: AppDeps, actor: Actor, job: PrintJob): Promise<void> {
    try {
      const agreements = await agreementsOfRound(deps.db, job.roundId);
      if (agreements.length === 0) throw new AppError('CONFLICT', '本批次还没有已编号的协议');
      job.total = agreements.length;
      const files: Record<string, Uint8Array> = {};
      for (const agreement of agreements) {
        files[`${agreement.number}.pdf`] = (await agreementPdf(deps, actor, agreement)).bytes;
        job.done += 1;
        // Yield between agreements so desks stay responsive while a batch renders.
        await new Promise((resolve) => setImmediate(resolve));
      }
      job.file = Buffer.from(zipSync(files, { level: 0 }));
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      job.error = err instanceof AppError ? err.message : '批量生成失败，请稍后重试';
    } finally {
      job.finishedAt = deps.clock.now().toISOString();
    }
  }
}
