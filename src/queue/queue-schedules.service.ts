import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type JobName, type JobPayloads } from './jobs';
import { Queues } from './queues';
import { repeatSettings, type RepeatSettings, type ScheduleSpec } from './schedule';
import { withTimeout } from './with-timeout';

export type { ScheduleSpec } from './schedule';

interface Declared {
  name: JobName;
  repeat: RepeatSettings;
  payload: unknown;
}

const RETRY_DELAY_MS = 5000;
const REDIS_TIMEOUT_MS = 5000;

/**
 * Jobs that run by themselves, on BullMQ job schedulers (one per job name, its id the job
 * name). A feature declares its schedule from `onModuleInit`:
 *
 *     this.schedules.declare(JobName.SignAuditCheckpoint, { every: 300_000 });
 *     this.schedules.declare(JobName.Reconcile, { cron: '0 2 * * *', timeZone: 'America/Panama' });
 *
 * Schedules are written to Redis where workers run, which keeps them with the work they
 * produce; a scheduler for a job no longer declared is removed. Redis is not the record: a
 * schedule it lost (restarted empty, flushed) is written again when the connection comes back
 * and by every recovery sweep (`ensure`).
 */
@Injectable()
export class QueueSchedules implements OnModuleDestroy {
  private readonly logger = new Logger('QueueSchedules');
  private readonly declared = new Map<JobName, Declared>();
  private applying: Promise<void> | null = null;
  /** A declaration arrived while a write was under way: write again after it. */
  private again = false;
  private applied = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly queues: Queues) {}

  declare<N extends JobName>(name: N, spec: ScheduleSpec, payload?: JobPayloads[N]): void {
    if (this.declared.has(name)) throw new Error(`job ${name} already has a schedule`);
    this.declared.set(name, { name, repeat: repeatSettings(spec), payload: payload ?? {} });
    if (this.applied) void this.write();
  }

  /** What is declared, for health and tests. */
  list(): Array<{ name: JobName } & RepeatSettings> {
    return [...this.declared.values()].map(({ name, repeat }) => ({ name, ...repeat }));
  }

  /** Writes the schedules to Redis, retrying in the background while Redis is away, and again on every reconnection. */
  apply(): void {
    if (this.applied) return;
    this.applied = true;
    for (const [, queue] of this.queues.all()) {
      queue.backend.on('ready', () => {
        this.ensure().catch((error: unknown) => this.logger.warn(`schedules not checked after reconnecting: ${(error as Error).message}`));
      });
    }
    void this.write();
  }

  /**
   * Where schedules are applied (workers run here): writes them again if Redis lost any. Only
   * missing ones cause a write: writing an `every` schedule again would put its next run off.
   */
  async ensure(): Promise<void> {
    if (!this.applied || this.stopped) return;
    const present = await Promise.all(
      [...this.declared.values()].map((entry) =>
        withTimeout(this.queues.forJob(entry.name).getJobScheduler(entry.name), REDIS_TIMEOUT_MS, 'reading a schedule'),
      ),
    );
    if (present.every((scheduler) => scheduler !== undefined)) return;
    this.logger.warn('schedules missing from Redis: writing them again');
    await this.write();
  }

  /** A write still waiting for Redis is left to finish or die with its connection. */
  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private write(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.applying) {
      this.again = true;
      return this.applying;
    }
    this.applying = this.upsertAll()
      .then(() => this.logger.log(`schedules in place: ${this.list().map((entry) => entry.name).join(', ') || 'none'}`))
      .catch((error: unknown) => {
        this.logger.warn(`schedules not written, retrying in ${RETRY_DELAY_MS} ms: ${(error as Error).message}`);
        if (!this.stopped) this.retry = setTimeout(() => void this.write(), RETRY_DELAY_MS);
      })
      .finally(() => {
        this.applying = null;
        if (this.again) {
          this.again = false;
          void this.write();
        }
      });
    return this.applying;
  }

  private async upsertAll(): Promise<void> {
    for (const [, queue] of this.queues.all()) {
      const existing = await queue.getJobSchedulers();
      for (const scheduler of existing) {
        const id = scheduler.id ?? scheduler.key;
        const wanted = this.declared.get(id as JobName);
        if (!wanted || this.queues.forJob(wanted.name) !== queue) await queue.removeJobScheduler(id);
      }
    }
    for (const entry of this.declared.values()) {
      await this.queues.forJob(entry.name).upsertJobScheduler(entry.name, entry.repeat, { name: entry.name, data: entry.payload });
    }
  }
}
