import { Injectable } from '@nestjs/common';
import { JobAbandoned, type JobContext, JobHandler, JobName, type JobPayloads } from '../queue/jobs';
import { RunImportUseCase } from './run-import.use-case';

@Injectable()
export class ImportProcessor {
  constructor(private readonly run: RunImportUseCase) {}

  @JobHandler(JobName.RunImport)
  handle(payload: JobPayloads[JobName.RunImport], job: JobContext): Promise<{ status: string }> {
    return this.run.execute(payload.importId, job);
  }

  @JobAbandoned(JobName.RunImport)
  abandoned(payload: JobPayloads[JobName.RunImport], job: JobContext, reason: string): Promise<void> {
    return this.run.abandoned(payload.importId, job, reason);
  }
}
