import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/jobs';
import { TrackedJob, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { PrepareTracePackageUseCase } from './prepare-trace-package.use-case';

@Injectable()
@TrackedJob({
  name: JobName.PrepareTracePackage,
  table: 'international_trace_packages',
  entityType: 'international_trace',
  running: 'processing',
  endedAt: 'completed_at',
  recordKey: 'packageId',
  alreadyEnded: 'already prepared',
})
export class TracePackageProcessor implements TrackedWork<JobName.PrepareTracePackage> {
  constructor(private readonly prepare: PrepareTracePackageUseCase) {}

  work(run: TrackedRun<JobName.PrepareTracePackage>): Promise<string> {
    return this.prepare.execute(run.id, run.actor);
  }

  failureReason(_record: unknown, attempts: number): string {
    return `The registry could not be searched for this trace (${attempts} attempts). File the trace again, or ask the registry desk.`;
  }
}
