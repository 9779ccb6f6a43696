import { Injectable } from '@nestjs/common';
import { JobAbandoned, type JobContext, JobHandler, JobName, type JobPayloads } from '../queue/jobs';
import { DeliverNotificationUseCase } from './deliver-notification.use-case';

/** One BullMQ job per notification; its job id is the outbox row's, its retries RemindersSchedule's. */
@Injectable()
export class NotificationDeliveryProcessor {
  constructor(private readonly deliver: DeliverNotificationUseCase) {}

  @JobHandler(JobName.DeliverNotification)
  run(payload: JobPayloads[JobName.DeliverNotification], context: JobContext): Promise<string> {
    return this.deliver.execute(payload.notificationId, context);
  }

  @JobAbandoned(JobName.DeliverNotification)
  abandoned(payload: JobPayloads[JobName.DeliverNotification], _context: JobContext, reason: string): Promise<void> {
    return this.deliver.abandoned(payload.notificationId, reason);
  }
}
