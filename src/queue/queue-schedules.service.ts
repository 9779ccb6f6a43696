import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type JobName, type JobPayloads } from './jobs';
import { Queues } from './queues';
import { repeatSettings, type RepeatSettings, type ScheduleSpec } from './schedule';

export type { ScheduleSpec } from './schedule';

interface Declared {
  name: JobName;
  repeat: RepeatSettings;
  payload: unknown;
}

const RETRY_DELAY_MS = 5000;

/**
 * Jobs that run by themselves, on BullMQ job schedulers (one per job name, its id the job
 * name). A feature declares its schedule from `onModuleInit`:
 *
 *     this.schedules.declare(JobName.SignAuditCheckpoint, { every: 300_000 });
 *     this.schedules.declare(JobName.Reconcile, { cron: '0 2 * * *', timeZone: 'America/Panama' });
 *
 * Schedules are written to Redis where workers run, which keeps them with the work they
 * produce; a scheduler for a job no longer declared is removed.
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

  /** Writes the schedules to Redis, retrying in the background while Redis is away. */
  apply(): void {
    this.applied = true;
    void this.write();
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
