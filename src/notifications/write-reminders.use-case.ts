import { Inject, Injectable } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { notificationsConfig } from '../config';
import { addDays, todayInPanama } from '../owners/calendar';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import { EXPIRING_DOCUMENT_SOURCES, type ExpiringDocumentSource } from './expiring-documents';
import { NotificationRunEntity } from './notification.entity';
import { toRunDto } from './notification.mapper';
import { INSERT_NOTIFICATIONS_SQL, INSERT_SCHEDULED_RUN_SQL, RUN_OF_FIRING_SQL } from './notifications.sql';

const SCHEDULE_ACTOR: AuditActor = { requestId: null, clientIp: null, actorId: null, actorUsername: 'schedule' };

@Injectable()
export class WriteRemindersUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EXPIRING_DOCUMENT_SOURCES) private readonly sources: readonly ExpiringDocumentSource[],
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Writes one notification for each document whose last day is between today and today +
   * RENEWAL_NOTICE_DAYS (Panama time), leaving out those already reminded of for the same
   * expiry day, and with a webhook configured queues one delivery job per new notification in
   * the same transaction. The run completes there too; a run found already ended (BullMQ
   * delivered the job twice) writes nothing.
   */
  async execute(runId: string, actor: AuditActor): Promise<string> {
    const today = todayInPanama();
    const lastDay = addDays(today, this.config.noticeDays);
    const found = await Promise.all(
      this.sources.map(async (source) => (await source.expiringBetween(today, lastDay)).map((document) => ({ kind: source.kind, ...document }))),
    );
    const documents = found.flat();
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.findOne(NotificationRunEntity, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status !== 'running') return 'already finished';
      const inserted = (await manager.query(INSERT_NOTIFICATIONS_SQL, [JSON.stringify(documents), runId])) as Array<{ id: string }>;
      if (this.config.webhookUrl !== null && inserted.length > 0) {
        await this.outbox.enqueueMany(
          manager,
          JobName.DeliverNotification,
          inserted.map((row) => ({ notificationId: row.id })),
        );
      }
      const before = toRunDto(run);
      Object.assign(run, { status: 'completed', written: inserted.length, finishedAt: new Date() });
      await manager.save(run);
      await this.audit.append(manager, actor, {
        action: 'notification_run.completed',
        entityType: 'notification_run',
        entityId: runId,
        before,
        after: { ...toRunDto(run), considered: documents.length, firstDay: today, lastDay },
      });
      return 'completed';
    });
  }

  /** A scheduled firing carries no run: its job id keys one, created on its first delivery. */
  async runOfFiring(firing: string, create: boolean): Promise<string | null> {
    if (!firing) {
      if (!create) return null;
      throw new Error('a scheduled reminders job has no job id to key its run on');
    }
    if (!create) {
      const [existing] = (await this.dataSource.query(RUN_OF_FIRING_SQL, [firing])) as Array<{ id: string }>;
      return existing?.id ?? null;
    }
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(INSERT_SCHEDULED_RUN_SQL, [firing])) as Array<{ id: string }>;
      if (inserted.length === 0) {
        const [existing] = (await manager.query(RUN_OF_FIRING_SQL, [firing])) as Array<{ id: string }>;
        return existing.id;
      }
      const run = await manager.findOneByOrFail(NotificationRunEntity, { id: inserted[0].id });
      await this.audit.append(manager, SCHEDULE_ACTOR, {
        action: 'notification_run.requested',
        entityType: 'notification_run',
        entityId: run.id,
        before: null,
        after: toRunDto(run),
      });
      return run.id;
    });
  }
}
