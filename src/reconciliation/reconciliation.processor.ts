import { Injectable } from '@nestjs/common';
import { JobAbandoned, type JobContext, JobHandler, JobName, type JobPayloads } from '../queue/jobs';
import { RunReconciliationUseCase } from './run-reconciliation.use-case';

@Injectable()
export class ReconciliationProcessor {
  constructor(private readonly reconcile: RunReconciliationUseCase) {}

  @JobHandler(JobName.Reconcile)
  handle(payload: JobPayloads[JobName.Reconcile], job: JobContext): Promise<{ runId: string | null; status: string }> {
    return this.reconcile.execute(payload, job);
  }

  @JobAbandoned(JobName.Reconcile)
  abandoned(payload: JobPayloads[JobName.Reconcile], job: JobContext, reason: string): Promise<void> {
    return this.reconcile.abandoned(payload, job, reason);
  }
}
