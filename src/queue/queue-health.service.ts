import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobWorkers } from './job-workers';
import { Queues } from './queues';

export interface QueueReport {
  status: 'up' | 'down';
  /** Whether this process runs queue workers. */
  workers: 'running' | 'off';
  /** Jobs by state, summed over the queues. */
  jobs?: { waiting: number; active: number; delayed: number; failed: number };
  /** Committed outbox rows not yet in Redis, and the age of the oldest in seconds. */
  outbox?: { pending: number; oldestPendingSeconds: number | null };
  error?: string;
}

/** What /health/ready says about the queue. */
@Injectable()
export class QueueHealth {
  constructor(
    private readonly queues: Queues,
    private readonly workers: JobWorkers,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async report(timeoutMs: number): Promise<QueueReport> {
    const base = { workers: this.workers.running ? ('running' as const) : ('off' as const) };
    let timer: NodeJS.Timeout | undefined;
    try {
      const [jobs, outbox] = await Promise.race([
        Promise.all([this.jobCounts(), this.outbox()]),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { status: 'up', ...base, jobs, outbox };
    } catch (error) {
      return { status: 'down', ...base, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  private async jobCounts(): Promise<NonNullable<QueueReport['jobs']>> {
    const totals = { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const [, queue] of this.queues.all()) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      totals.waiting += counts.waiting ?? 0;
      totals.active += counts.active ?? 0;
      totals.delayed += counts.delayed ?? 0;
      totals.failed += counts.failed ?? 0;
    }
    return totals;
  }

  private async outbox(): Promise<NonNullable<QueueReport['outbox']>> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float AS oldest
         FROM queue_outbox WHERE sent_at IS NULL`,
    )) as Array<{ pending: number; oldest: number | null }>;
    return { pending: row.pending, oldestPendingSeconds: row.oldest === null ? null : Math.round(row.oldest) };
  }
}
