import { Injectable } from '@nestjs/common';
import { type JobContext, JobName, type JobPayloads } from '../queue/jobs';
import { TrackedJob, type TrackedRun, type TrackedWork } from '../queue/tracked-job';
import { WriteRemindersUseCase } from './write-reminders.use-case';

@Injectable()
@TrackedJob({
  name: JobName.WriteReminders,
  table: 'notification_runs',
  entityType: 'notification_run',
  running: 'running',
  endedAt: 'finished_at',
  recordKey: 'runId',
  alreadyEnded: 'already finished',
  resultNamesRecord: true,
  jobIdColumn: 'firing',
})
export class RemindersProcessor implements TrackedWork<JobName.WriteReminders> {
  constructor(private readonly reminders: WriteRemindersUseCase) {}

  work(run: TrackedRun<JobName.WriteReminders>): Promise<string> {
    return this.reminders.execute(run.id, run.actor);
  }

  /** A scheduled firing carries no run: its job id keys one. */
  recordOf(_payload: JobPayloads[JobName.WriteReminders], job: JobContext, create: boolean): Promise<string | null> {
    return this.reminders.runOfFiring(job.jobId, create);
  }

  failureReason(_run: unknown, attempts: number): string {
    return `The renewal reminders could not be written (${attempts} attempts). Ask for a new run, or ask the registry desk.`;
  }
}
