import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobState } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { redisConfig } from '../config';
import { JobHandlers } from './job-handlers';
import { QueueSchedules } from './queue-schedules.service';
import { Queues } from './queues';
import { type TrackedDefinition, TrackedJobs } from './tracked-jobs';
import { withTimeout } from './with-timeout';

/** Records looked at per kind and sweep; the rest wait for the next sweep. */
const SWEEP_LIMIT = 500;
/** One sweep at a time across every process: the key of its transaction-level advisory lock. */
const SWEEP_LOCK = 'queue-recovery-sweep';
/** How long one Redis command of the sweep may take before the sweep gives up until the next. */
const REDIS_TIMEOUT_MS = 5000;
/** A job in one of these states will still run. */
const LIVE: ReadonlySet<JobState | 'unknown'> = new Set<JobState | 'unknown'>(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

interface OpenRecord {
  id: string;
  status: string;
  attempts: number;
  /** Ids of the jobs the outbox handed to Redis for this record. */
  sent: string[];
  /** Outbox rows for this record not yet handed to Redis: the relay will. */
  unsent: number;
  /** The job id the record keeps itself (TrackedJobOptions.jobIdColumn), if any. */
  own: string | null;
}

export interface SweepReport {
  requeued: number;
  failed: number;
}

/**
 * Redis is not the record: a tracked record (trace request, report, import, reconciliation
 * run, and any later @TrackedJob) still queued or running with no job left in Redis that will
 * run it (Redis restarted empty, a key evicted) is queued again, under a job id made from the
 * record's id, so however often it is queued it is one job; the job's work happens once in any
 * case (the runner moves the record under its row lock). A record whose every job failed for
 * good without its failure being recorded is recorded as failed. The sweep also writes again
 * the schedules Redis lost. It runs every QUEUE_RECOVERY_INTERVAL seconds in every process,
 * one process at a time.
 */
@Injectable()
export class QueueRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('QueueRecovery');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: JobHandlers,
    private readonly runner: TrackedJobs,
    private readonly queues: Queues,
    private readonly schedules: QueueSchedules,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /** The job id a record is queued again under: the same for every sweep. */
  static jobIdOf(job: TrackedDefinition, recordId: string): string {
    return `${job.options.name}-${recordId}`;
  }

  /** One sweep over every tracked kind; null when another process is sweeping. */
  async sweep(): Promise<SweepReport | null> {
    await this.schedules.ensure();
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [SWEEP_LOCK])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return null;
      const report: SweepReport = { requeued: 0, failed: 0 };
      for (const job of this.handlers.tracked()) {
        const kind = await this.sweepKind(manager, job);
        report.requeued += kind.requeued;
        report.failed += kind.failed;
      }
      if (report.requeued + report.failed > 0) {
        this.logger.warn(`recovery sweep: ${report.requeued} queued again, ${report.failed} recorded as failed`);
      }
      return report;
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .catch((error: unknown) => this.logger.warn(`recovery sweep failed, trying again at the next: ${(error as Error).message}`))
        .finally(() => {
          this.sweeping = null;
          this.schedule();
        });
    }, this.redis.recoveryIntervalSeconds * 1000);
  }

  private async sweepKind(manager: EntityManager, job: TrackedDefinition): Promise<SweepReport> {
    const { options } = job;
    const own = options.jobIdColumn ? `r.${options.jobIdColumn}` : 'NULL';
    // The outbox is read from the oldest open record's creation on (its rows come after it), by
    // its sent_at and pending indexes: with nothing open, it reads only the unsent rows.
    const open = (await manager.query(
      `WITH open AS (
         SELECT r.id, r.status, r.attempts, r.created_at, ${own}::text AS own
           FROM ${options.table} r
          WHERE r.status IN ('queued', $3)
          ORDER BY r.created_at
          LIMIT $4
       ), outbox AS (
         SELECT o.id, o.sent_at, o.payload->>$2 AS record
           FROM queue_outbox o
          WHERE o.job_name = $1 AND (o.sent_at IS NULL OR o.sent_at >= (SELECT min(created_at) FROM open))
       )
       SELECT r.id, r.status, r.attempts, r.own,
              coalesce(array_agg(x.id::text) FILTER (WHERE x.sent_at IS NOT NULL), '{}') AS sent,
              count(x.id) FILTER (WHERE x.sent_at IS NULL)::int AS unsent
         FROM open r
         LEFT JOIN outbox x ON x.record = r.id::text
        GROUP BY r.id, r.status, r.attempts, r.own, r.created_at
        ORDER BY r.created_at`,
      [options.name, options.recordKey, options.running, SWEEP_LIMIT],
    )) as OpenRecord[];
    const report: SweepReport = { requeued: 0, failed: 0 };
    const queue = this.queues.forJob(options.name);
    for (const record of open) {
      if (record.unsent > 0) continue;
      const recovery = QueueRecovery.jobIdOf(job, record.id);
      const ids = [...record.sent, ...(record.own ? [record.own] : []), recovery];
      const states = await withTimeout(Promise.all(ids.map((id) => queue.getJobState(id))), REDIS_TIMEOUT_MS, 'reading job states');
      if (states.some((state) => LIVE.has(state))) continue;
      if (states.includes('failed')) {
        // Every attempt of its job was spent, yet the failure was never recorded.
        await this.runner.fail(job, record.id, record.attempts, new Error('its job failed for good'));
        report.failed += 1;
        continue;
      }
      // A recovery job that ran and left the record open is replaced, or the add would be ignored.
      if (states[states.length - 1] === 'completed') await withTimeout(queue.remove(recovery), REDIS_TIMEOUT_MS, 'removing a job');
      await withTimeout(queue.add(options.name, { [options.recordKey]: record.id }, { jobId: recovery }), REDIS_TIMEOUT_MS, 'adding a job');
      this.logger.warn(`${options.entityType} ${record.id} (${record.status}) had no job in Redis: queued again as ${recovery}`);
      report.requeued += 1;
    }
    return report;
  }
}
