import { SetMetadata } from '@nestjs/common';

/**
 * Every job the queue runs. A name has exactly one handler (checked at start-up) and one
 * payload type (below); payloads carry ids, never whole records, so a retried job reads
 * the current state.
 */
export enum JobName {
  AnswerTraceRequest = 'trace-request.answer',
  SignAuditCheckpoint = 'audit.sign-checkpoint',
}

export interface JobPayloads {
  [JobName.AnswerTraceRequest]: { traceRequestId: string };
  [JobName.SignAuditCheckpoint]: Record<string, never>;
}

export const JOB_HANDLER = 'queue:job-handler';

/**
 * Marks a provider method as the handler of `name`. The queue module finds these at start,
 * checks each job name has exactly one, and runs them on BullMQ workers where workers run.
 */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
