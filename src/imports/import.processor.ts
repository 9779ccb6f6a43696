import { Injectable } from '@nestjs/common';
import { JobName } from '../queue/jobs';
import { TrackedJob, type TrackedRecord, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { RunImportUseCase } from './run-import.use-case';

@Injectable()
@TrackedJob({
  name: JobName.RunImport,
  table: 'imports',
  entityType: 'import',
  running: 'processing',
  endedAt: 'finished_at',
  recordKey: 'importId',
  columns: ['processed', 'total', 'accepted'],
})
export class ImportProcessor implements TrackedWork<JobName.RunImport> {
  constructor(private readonly run: RunImportUseCase) {}

  work(run: TrackedRun<JobName.RunImport>): Promise<string> {
    return this.run.execute(run.id, run.actor);
  }

  /** Rows landed before the failure stay registered. */
  failureReason(record: TrackedRecord, attempts: number): string {
    return (
      `The import stopped after ${attempts} attempts, with ${String(record.processed)} of ${String(record.total)} rows handled ` +
      `(${String(record.accepted)} registered, which stay registered). Posting the same file again resumes it after the rows already handled.`
    );
  }

  failureDetails(record: TrackedRecord): Record<string, unknown> {
    return { processed: record.processed };
  }
}
