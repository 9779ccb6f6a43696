import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { redisConfig } from '../config';
import { JobHandlers } from './job-handlers';
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
  /**
   * Tracked work (trace requests, reports, imports, reconciliation runs) not started yet: how
   * many, the age of the oldest in seconds, and how many have waited past `overdueAfterSeconds`
   * (twice the recovery interval: by then a sweep should have queued a lost job again).
   */
  queued?: { count: number; oldestSeconds: number | null; overdue: number; overdueAfterSeconds: number };
  error?: string;
}

/** What /health/ready says about the queue. */
@Injectable()
export class QueueHealth {
  constructor(
    private readonly queues: Queues,
    private readonly workers: JobWorkers,
    private readonly handlers: JobHandlers,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {}

  async report(timeoutMs: number): Promise<QueueReport> {
    const base = { workers: this.workers.running ? ('running' as const) : ('off' as const) };
    let timer: NodeJS.Timeout | undefined;
    try {
      const [jobs, outbox, queued] = await Promise.race([
        Promise.all([this.jobCounts(), this.outbox(), this.queued()]),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { status: 'up', ...base, jobs, outbox, queued };
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

  private async queued(): Promise<NonNullable<QueueReport['queued']>> {
    const overdueAfterSeconds = 2 * this.redis.recoveryIntervalSeconds;
    const tables = this.handlers.tracked().map((job) => job.options.table);
    if (tables.length === 0) return { count: 0, oldestSeconds: null, overdue: 0, overdueAfterSeconds };
    const union = tables.map((table) => `SELECT created_at FROM ${table} WHERE status = 'queued'`).join(' UNION ALL ');
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, extract(epoch FROM now() - min(created_at))::float AS oldest,
              count(*) FILTER (WHERE created_at < now() - make_interval(secs => $1))::int AS overdue
         FROM (${union}) q`,
      [overdueAfterSeconds],
    )) as Array<{ count: number; oldest: number | null; overdue: number }>;
    return { count: row.count, oldestSeconds: row.oldest === null ? null : Math.round(row.oldest), overdue: row.overdue, overdueAfterSeconds };
  }
}
