import { Injectable } from '@nestjs/common';
import { type JobContext, JobName, type JobPayloads } from '../queue/jobs';
import { TrackedJob, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { RunReconciliationUseCase } from './run-reconciliation.use-case';

@Injectable()
@TrackedJob({
  name: JobName.Reconcile,
  table: 'reconciliation_runs',
  entityType: 'reconciliation_run',
  running: 'running',
  endedAt: 'finished_at',
  recordKey: 'runId',
  alreadyEnded: 'already finished',
  resultNamesRecord: true,
  jobIdColumn: 'firing',
})
export class ReconciliationProcessor implements TrackedWork<JobName.Reconcile> {
  constructor(private readonly reconcile: RunReconciliationUseCase) {}

  work(run: TrackedRun<JobName.Reconcile>): Promise<string> {
    return this.reconcile.execute(run.id, run.actor);
  }

  /** A scheduled firing carries no run: its job id keys one. */
  recordOf(_payload: JobPayloads[JobName.Reconcile], job: JobContext, create: boolean): Promise<string | null> {
    return this.reconcile.runOfFiring(job.jobId, create);
  }

  failureReason(_run: unknown, attempts: number): string {
    return `The registry could not be reconciled (${attempts} attempts). Ask for a new run, or ask the registry desk.`;
  }
}
