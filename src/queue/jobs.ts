import { SetMetadata } from '@nestjs/common';

/**
 * Every job the queue runs. A name has exactly one handler (checked at start-up) and one
 * payload type (below); payloads carry ids, never whole records, so a retried job reads
 * the current state.
 */
export enum JobName {
  AnswerTraceRequest = 'trace-request.answer',
  SignAuditCheckpoint = 'audit.sign-checkpoint',
  PruneOutbox = 'queue.prune-outbox',
  BuildReport = 'report.build',
  RunImport = 'import.run',
  Reconcile = 'reconciliation.run',
  PrepareTracePackage = 'international-trace.prepare-package',
  WriteReminders = 'notifications.run',
  DeliverNotification = 'notifications.deliver',
}

export interface JobPayloads {
  [JobName.AnswerTraceRequest]: { traceRequestId: string };
  [JobName.SignAuditCheckpoint]: Record<string, never>;
  [JobName.PruneOutbox]: Record<string, never>;
  [JobName.BuildReport]: { reportId: string };
  [JobName.RunImport]: { importId: string };
  /** A requested run names its row; a scheduled firing carries nothing and is keyed by its job id. */
  [JobName.Reconcile]: { runId?: string };
  [JobName.PrepareTracePackage]: { packageId: string };
  /** As for reconciliation: a requested run names its row, a scheduled firing is keyed by its job id. */
  [JobName.WriteReminders]: { runId?: string };
  [JobName.DeliverNotification]: { notificationId: string };
}

/**
 * The BullMQ queues. Jobs are grouped by how long they run, so a slow report never holds
 * up a trace request waiting behind it.
 */
export enum QueueName {
  /** Short jobs a person is waiting for: trace requests. */
  Interactive = 'interactive',
  /** Periodic housekeeping: checkpoints, pruning. Kept apart so a long run never delays a checkpoint. */
  Background = 'background',
  /** Long runs over many rows: reports, imports, reconciliation. */
  Bulk = 'bulk',
}

/** Which queue carries each job; a new job name does not compile until it is placed here. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.AnswerTraceRequest]: QueueName.Interactive,
  [JobName.SignAuditCheckpoint]: QueueName.Background,
  [JobName.PruneOutbox]: QueueName.Background,
  [JobName.BuildReport]: QueueName.Bulk,
  [JobName.RunImport]: QueueName.Bulk,
  [JobName.Reconcile]: QueueName.Bulk,
  [JobName.PrepareTracePackage]: QueueName.Interactive,
  [JobName.WriteReminders]: QueueName.Background,
  [JobName.DeliverNotification]: QueueName.Background,
};

/** What a handler learns about the run it is in, besides its payload. */
export interface JobContext {
  jobId: string;
  name: JobName;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  maxAttempts: number;
  /** No retry follows if this run throws: the place to record a permanent failure. */
  finalAttempt: boolean;
}

/** The shape of a `@JobHandler(name)` method; the context argument may be left out. */
export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<unknown>;

export const JOB_HANDLER = 'queue:job-handler';

/**
 * Marks a provider method as the handler of `name`. The queue module finds these at start,
 * checks each job name has exactly one, and runs them on BullMQ workers where workers run.
 */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);

/** The shape of a `@JobAbandoned(name)` method: the job's payload and run, and BullMQ's reason. */
export type JobAbandonedFn<N extends JobName> = (payload: JobPayloads[N], context: JobContext, reason: string) => Promise<void>;

export const JOB_ABANDONED = 'queue:job-abandoned';

/**
 * Marks a provider method as what records the failure of a job of `name` that BullMQ fails
 * without running its handler: a job whose worker died under it more often than BullMQ allows
 * (it stalled) is failed as soon as a worker picks it up again, so the handler's own failure
 * path, on its final attempt, never runs. Optional, at most one per job name; it must be safe
 * to run after that failure path too.
 */
export const JobAbandoned = (name: JobName): MethodDecorator => SetMetadata(JOB_ABANDONED, name);
