import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import type { JobContext, JobName, JobPayloads } from './jobs';
import type { TrackedJobOptions, TrackedRecord, TrackedWork } from './tracked-job';

/** A run waits no longer than this for its record's row lock; contention becomes a retry with backoff instead. */
export const TRACKED_LOCK_TIMEOUT = '10s';

/** A tracked job as found at start: its options and the provider that does its work. */
export interface TrackedDefinition<N extends JobName = JobName> {
  options: TrackedJobOptions<N>;
  work: TrackedWork<N>;
}

const ENDED = ['completed', 'failed'];

/** The options as the runner reads them, whatever the job. */
type RecordTable = Pick<TrackedJobOptions<JobName>, 'table' | 'entityType' | 'running' | 'columns'>;

/** The queue's actor on a record's behalf: the entries carry the request id that created the record. */
export function queueActor(record: Pick<TrackedRecord, 'request_id'>): AuditActor {
  return { requestId: record.request_id, clientIp: null, actorId: null, actorUsername: 'queue' };
}

/**
 * The lifecycle every tracked job shares, written once: queued → running (counting the
 * attempt) before the work, the failure of the last attempt, and the failure of a job BullMQ
 * abandoned without running it, each with its audit entry by the queue. The work itself
 * completes the record (TrackedWork.work).
 */
@Injectable()
export class TrackedJobs {
  private readonly logger = new Logger('TrackedJobs');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Runs a job: its result is `{ status }`, the status its work reached (or why it had nothing to do). */
  async run<N extends JobName>(job: TrackedDefinition<N>, payload: JobPayloads[N], context: JobContext): Promise<Record<string, unknown>> {
    const { options } = job;
    let id = this.recordIdOf(job, payload);
    const result = (status: string): Record<string, unknown> => (options.resultNamesRecord ? { [options.recordKey]: id, status } : { status });
    try {
      id ??= (await job.work.recordOf?.(payload, context, true)) ?? null;
      if (id === null) throw new Error(`job ${context.name} ${context.jobId} names no ${options.entityType}`);
      const record = await this.start(options, id);
      if (!record) return result(options.alreadyEnded ?? 'nothing to do');
      return result(await job.work.work({ id, payload, context, actor: queueActor(record) }));
    } catch (error) {
      if (context.finalAttempt && id !== null) await this.fail(job, id, context.attempt, error);
      throw error;
    }
  }

  /** BullMQ failed the job without running it (its worker died under it too often): its record, if it has one, is recorded as failed. */
  async abandoned<N extends JobName>(job: TrackedDefinition<N>, payload: JobPayloads[N], context: JobContext, reason: string): Promise<void> {
    const id = this.recordIdOf(job, payload) ?? (await job.work.recordOf?.(payload, context, false)) ?? null;
    if (id !== null) await this.fail(job, id, context.attempt, new Error(reason));
  }

  /**
   * The retries are spent: the record is marked failed with the job's own words, and audited.
   * Safe to run more than once, and after the record ended: an ended record is left alone.
   */
  async fail<N extends JobName>(job: TrackedDefinition<N>, id: string, attempts: number, error: unknown): Promise<void> {
    const { options, work } = job;
    this.logger.error(`${options.entityType} ${id} failed after ${attempts} attempts: ${(error as Error).message}`);
    try {
      await this.dataSource.transaction(async (manager) => {
        const record = await this.lock(manager, options, id);
        if (!record || ENDED.includes(record.status)) return;
        const failureReason = work.failureReason(record, attempts);
        await manager.query(
          `UPDATE ${options.table} SET status = 'failed', failure_reason = $2, ${options.endedAt} = now()${options.versioned ? ', version = version + 1' : ''}
            WHERE id = $1`,
          [id, failureReason],
        );
        await this.audit.append(manager, queueActor(record), {
          action: `${options.entityType}.failed`,
          entityType: options.entityType,
          entityId: id,
          before: { status: record.status },
          after: { status: 'failed', attempts: record.attempts, ...work.failureDetails?.(record), failureReason },
        });
      });
    } catch (recording) {
      this.logger.error(`could not record the failure of ${options.entityType} ${id}: ${(recording as Error).message}`);
    }
  }

  private recordIdOf<N extends JobName>(job: TrackedDefinition<N>, payload: JobPayloads[N]): string | null {
    const value = (payload as Record<string, unknown> | null)?.[job.options.recordKey];
    return typeof value === 'string' ? value : null;
  }

  /** queued → running, counting the attempt; null when there is nothing left to do. */
  private async start(options: RecordTable, id: string): Promise<TrackedRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const record = await this.lock(manager, options, id);
      if (!record) {
        this.logger.warn(`${options.entityType} ${id} does not exist; its job has nothing to do`);
        return null;
      }
      if (ENDED.includes(record.status)) return null;
      const [started] = (await manager.query(
        `UPDATE ${options.table} SET status = $2, attempts = attempts + 1, started_at = coalesce(started_at, now())
          WHERE id = $1 RETURNING id, status, attempts, request_id`,
        [id, options.running],
      )) as [TrackedRecord[], number];
      return started[0];
    });
  }

  private async lock(manager: EntityManager, options: RecordTable, id: string): Promise<TrackedRecord | null> {
    const columns = ['id', 'status', 'attempts', 'request_id', ...(options.columns ?? [])].join(', ');
    const [record] = (await manager.query(`SELECT ${columns} FROM ${options.table} WHERE id = $1 FOR UPDATE`, [id])) as TrackedRecord[];
    return record ?? null;
  }
}
