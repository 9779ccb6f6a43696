import { SetMetadata } from '@nestjs/common';
import type { AuditActor } from '../audit/audit.service';
import type { JobContext, JobName, JobPayloads } from './jobs';

/** The payload keys of a job that hold a string: where a tracked job names its record. */
type RecordKey<N extends JobName> = { [K in keyof JobPayloads[N]]-?: JobPayloads[N][K] extends string | undefined ? K : never }[keyof JobPayloads[N]] &
  string;

/**
 * A job whose progress a person follows through a record of its own (a trace request, a
 * report, an import, a reconciliation run). The record's table has the columns `id`,
 * `status` (`queued`, the running status, `completed`, `failed`), `attempts`, `request_id`,
 * `created_at`, `started_at`, `failure_reason` and the column named by `endedAt`.
 */
export interface TrackedJobOptions<N extends JobName> {
  name: N;
  /** The record's table. */
  table: string;
  /** The audit entity type of the record; its failure is audited as `<entityType>.failed`. */
  entityType: string;
  /** The status while a run works on it. */
  running: 'processing' | 'running';
  /** The column that takes the instant the record ended (completed or failed). */
  endedAt: 'completed_at' | 'finished_at';
  /** The payload field that holds the record's id. */
  recordKey: RecordKey<N>;
  /** The record has a `version` column, raised when the runner ends it. */
  versioned?: boolean;
  /**
   * A column holding the BullMQ job id of a record its own job created (a scheduled firing),
   * so the recovery sweep knows that job for live.
   */
  jobIdColumn?: string;
  /** The status a run reports (its job's result) when it finds the record already ended; default `nothing to do`. */
  alreadyEnded?: string;
  /** The job's result names the record too (`{ [recordKey]: id, status }`), for a record the job found or created itself. */
  resultNamesRecord?: boolean;
  /** Further columns the failure text reads (the record is read with these alone, never a whole row). */
  columns?: readonly string[];
}

/** A tracked job's record as the runner read it under its row lock (column names as in the table). */
export interface TrackedRecord {
  id: string;
  status: string;
  attempts: number;
  request_id: string | null;
  [column: string]: unknown;
}

/** What the work of a run is given: its record (already moved to the running status), its payload and run, and the queue's audit actor. */
export interface TrackedRun<N extends JobName> {
  id: string;
  payload: JobPayloads[N];
  context: JobContext;
  /** Written by the queue on the requester's behalf: the entries carry the record's request id. */
  actor: AuditActor;
}

/** What a tracked job declares: its work and its failure text. The runner does the rest. */
export interface TrackedWork<N extends JobName> {
  /**
   * Does the job's work and ends the record (`completed`), with its audit entry, in a
   * transaction that locks the record and finds it still in the running status: BullMQ may
   * deliver a job more than once. Resolves with a word for the log (the status reached).
   */
  work(run: TrackedRun<N>): Promise<string>;
  /** The failure reason shown to the requester once the retries are spent; names no internals. */
  failureReason(record: TrackedRecord, attempts: number): string;
  /** Fields added to the `after` of the failure's audit entry, besides status, attempts and failureReason. */
  failureDetails?(record: TrackedRecord): Record<string, unknown>;
  /**
   * The record of a payload without `recordKey` (a scheduled firing): found, or created when
   * `create` (its first delivery). Null when there is none.
   */
  recordOf?(payload: JobPayloads[N], context: JobContext, create: boolean): Promise<string | null>;
}

export const TRACKED_JOB = 'queue:tracked-job';

/**
 * Marks a provider class as the handler of a tracked job: the runner (TrackedJobs) moves
 * its record queued → running → completed/failed, counts its attempts, records the failure
 * of its last attempt or of a job BullMQ abandoned, and queues it again when its BullMQ
 * job is lost. The class brings only its work:
 *
 *     @TrackedJob({ name: JobName.BuildReport, table: 'reports', entityType: 'report',
 *                   running: 'running', endedAt: 'completed_at', recordKey: 'reportId' })
 *     export class ReportProcessor implements TrackedWork<JobName.BuildReport> { … }
 */
export function TrackedJob<N extends JobName>(
  options: TrackedJobOptions<N>,
): <T extends abstract new (...args: never[]) => TrackedWork<N>>(target: T) => void {
  return (target) => {
    SetMetadata(TRACKED_JOB, options)(target);
  };
}
