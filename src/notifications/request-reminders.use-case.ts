import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import type { AcceptedNotificationRunDto } from './notification.dto';
import { NotificationRunEntity } from './notification.entity';
import { toRunDto } from './notification.mapper';

@Injectable()
export class RequestRemindersUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** POST /notifications/run: the run, its job and its audit entry commit together, or none does. */
  async execute(context: RequestContext): Promise<AcceptedNotificationRunDto> {
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.save(
        manager.create(NotificationRunEntity, {
          trigger: 'manual',
          firing: null,
          status: 'queued',
          requestedBy: principal.id,
          requestedByUsername: principal.username,
          requestId: context.requestId,
          attempts: 0,
          createdAt: new Date(),
          startedAt: null,
          finishedAt: null,
          written: null,
          failureReason: null,
        }),
      );
      await this.outbox.enqueue(manager, JobName.WriteReminders, { runId: run.id });
      await this.audit.append(manager, actorOf(context), {
        action: 'notification_run.requested',
        entityType: 'notification_run',
        entityId: run.id,
        before: null,
        after: toRunDto(run),
      });
      return { id: run.id, status: 'queued' as const };
    });
  }
}
