import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { AppError, notFound } from '../errors.js';

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

/** The work behind a job: it sets `total`, counts `done` as it goes and returns the finished file. */
export type PrintWork = (job: PrintJob) => Promise<Buffer>;

const KEEP_JOBS = 20;

/**
 * Batch printing runs in the background of the one service process; staff poll its progress.
 * Jobs live in memory: a restart loses an unfinished job, which is simply started again.
 * What a job prints is the caller's (batch-print.service.ts): this registry only keeps the jobs.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, PrintJob>();

  start(clock: Clock, roundId: string, work: PrintWork): PrintJob {
    const job: PrintJob = {
      id: randomUUID(),
      roundId,
      status: 'running',
      done: 0,
      total: 0,
      startedAt: clock.now().toISOString(),
      finishedAt: null,
      error: null,
      file: null,
    };
    this.jobs.set(job.id, job);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS))) this.jobs.delete(id);
    void this.run(clock, job, work);
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

  private async run(clock: Clock, job: PrintJob, work: PrintWork): Promise<void> {
    try {
      job.file = await work(job);
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      job.error = err instanceof AppError ? err.message : '批量生成失败，请稍后重试';
    } finally {
      job.finishedAt = clock.now().toISOString();
    }
  }
}
