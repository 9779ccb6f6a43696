import { Injectable } from '@nestjs/common';
import { JobAbandoned, type JobContext, JobHandler, JobName, type JobPayloads } from '../queue/jobs';
import { BuildReportUseCase } from './build-report.use-case';

@Injectable()
export class ReportProcessor {
  constructor(private readonly buildReport: BuildReportUseCase) {}

  @JobHandler(JobName.BuildReport)
  handle(payload: JobPayloads[JobName.BuildReport], job: JobContext): Promise<{ status: string }> {
    return this.buildReport.execute(payload.reportId, job);
  }

  @JobAbandoned(JobName.BuildReport)
  abandoned(payload: JobPayloads[JobName.BuildReport], job: JobContext, reason: string): Promise<void> {
    return this.buildReport.abandoned(payload.reportId, job, reason);
  }
}
