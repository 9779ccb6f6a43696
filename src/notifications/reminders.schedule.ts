import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { notificationsConfig } from '../config';
import { JobOptions } from '../queue/job-options';
import { JobName } from '../queue/jobs';
import { QueueSchedules } from '../queue/queue-schedules.service';

/**
 * The daily reminders (NOTIFY_CRON, Panama time; each firing one run keyed by its job id), and
 * the deliveries' retries: NOTIFY_ATTEMPTS tries, NOTIFY_RETRY_DELAY_MS doubling each time.
 */
@Injectable()
export class RemindersSchedule implements OnModuleInit {
  constructor(
    private readonly schedules: QueueSchedules,
    private readonly jobOptions: JobOptions,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
  ) {}

  onModuleInit(): void {
    this.schedules.declare(JobName.WriteReminders, { cron: this.config.cron, timeZone: this.config.timeZone }, {});
    this.jobOptions.declare(JobName.DeliverNotification, {
      attempts: this.config.attempts,
      backoff: { type: 'exponential', delay: this.config.retryDelayMs },
    });
  }
}
