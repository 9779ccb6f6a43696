import { Injectable } from '@nestjs/common';
import { JobAbandoned, type JobContext, JobHandler, JobName, type JobPayloads } from '../queue/jobs';
import { AnswerTraceRequestUseCase } from './answer-trace-request.use-case';

@Injectable()
export class TraceRequestProcessor {
  constructor(private readonly answer: AnswerTraceRequestUseCase) {}

  @JobHandler(JobName.AnswerTraceRequest)
  handle(payload: JobPayloads[JobName.AnswerTraceRequest], job: JobContext): Promise<{ status: string }> {
    return this.answer.execute(payload.traceRequestId, job);
  }

  @JobAbandoned(JobName.AnswerTraceRequest)
  abandoned(payload: JobPayloads[JobName.AnswerTraceRequest], job: JobContext, reason: string): Promise<void> {
    return this.answer.abandoned(payload.traceRequestId, job, reason);
  }
}
