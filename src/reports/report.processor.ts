import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/jobs';
import { TrackedJob, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { BuildReportUseCase } from './build-report.use-case';

@Injectable()
@TrackedJob({
  name: JobName.BuildReport,
  table: 'reports',
  entityType: 'report',
  running: 'running',
  endedAt: 'completed_at',
  recordKey: 'reportId',
  alreadyEnded: 'already built',
})
export class ReportProcessor implements TrackedWork<JobName.BuildReport> {
  constructor(private readonly buildReport: BuildReportUseCase) {}

  work(run: TrackedRun<JobName.BuildReport>): Promise<string> {
    return this.buildReport.execute(run.id, run.actor);
  }

  failureReason(_report: unknown, attempts: number): string {
    return `The report could not be built (${attempts} attempts). Request it again, or ask the registry desk.`;
  }
}
