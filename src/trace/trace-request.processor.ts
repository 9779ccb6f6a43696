import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/jobs';
import { TrackedJob, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { AnswerTraceRequestUseCase } from './answer-trace-request.use-case';

@Injectable()
@TrackedJob({
  name: JobName.AnswerTraceRequest,
  table: 'trace_requests',
  entityType: 'trace_request',
  running: 'processing',
  endedAt: 'completed_at',
  recordKey: 'traceRequestId',
  alreadyEnded: 'already answered',
  versioned: true,
})
export class TraceRequestProcessor implements TrackedWork<JobName.AnswerTraceRequest> {
  constructor(private readonly answer: AnswerTraceRequestUseCase) {}

  work(run: TrackedRun<JobName.AnswerTraceRequest>): Promise<string> {
    return this.answer.execute(run.id, run.actor);
  }

  failureReason(_request: unknown, attempts: number): string {
    return `The registry could not be searched (${attempts} attempts). File the request again, or ask the registry desk.`;
  }
}
