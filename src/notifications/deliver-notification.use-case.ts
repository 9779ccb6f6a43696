import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { notificationsConfig } from '../config';
import type { JobContext } from '../queue/jobs';
import { NotificationEntity } from './notification.entity';
import { toMessage } from './notification.mapper';
import { COUNT_ATTEMPT_SQL, MARK_DELIVERED_SQL, RECORD_FAILURE_SQL } from './notifications.sql';
import { messageBody, signatureOf } from './webhook-signature';

const QUEUE_ACTOR: AuditActor = { requestId: null, clientIp: null, actorId: null, actorUsername: 'queue' };

/**
 * POSTs one notification to NOTIFY_WEBHOOK_URL, signed. Each try is counted on the
 * notification; a 2xx answer marks it delivered (once: a delivered or failed notification is
 * not sent again however often its job runs), anything else is thrown for BullMQ to retry with
 * backoff, and the last attempt's failure marks it failed. Receivers get the notification's id
 * to recognise a repeat (a worker dying between the answer and the commit sends it again).
 */
@Injectable()
export class DeliverNotificationUseCase {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    private readonly audit: AuditService,
  ) {}

  async execute(notificationId: string, job: JobContext): Promise<string> {
    const { webhookUrl, webhookSecret, timeoutMs } = this.config;
    if (webhookUrl === null || webhookSecret === null) return 'no webhook configured';
    const notification = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id: notificationId });
    if (!notification || notification.status !== 'pending') return 'nothing to do';
    const counted = (await this.dataSource.query(COUNT_ATTEMPT_SQL, [notificationId])) as [Array<{ attempts: number }>, number];
    if (counted[0].length === 0) return 'nothing to do';

    const body = messageBody(toMessage(notification));
    const problem = await this.post(webhookUrl, body, signatureOf(body, webhookSecret), timeoutMs);
    if (problem === null) {
      await this.end(notificationId, MARK_DELIVERED_SQL, [notificationId], 'notification.delivered', notification.ownerId);
      return 'delivered';
    }
    await this.end(notificationId, RECORD_FAILURE_SQL, [notificationId, problem, job.finalAttempt], job.finalAttempt ? 'notification.failed' : null, notification.ownerId);
    throw new Error(`notification ${notificationId}: delivery attempt ${job.attempt} of ${job.maxAttempts} failed: ${problem}`);
  }

  /** BullMQ gave the job up without running it (its worker died too often): the notification is failed. */
  async abandoned(notificationId: string, reason: string): Promise<void> {
    const notification = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id: notificationId });
    if (!notification) return;
    await this.end(notificationId, RECORD_FAILURE_SQL, [notificationId, `abandoned by the queue: ${reason}`, true], 'notification.failed', notification.ownerId);
  }

  /** Null when the receiver answered 2xx; else why not, in words safe to show (no URL, no secret). */
  private async post(url: string, body: string, signature: string, timeoutMs: number): Promise<string | null> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // Read to the end so the connection goes back to the pool.
      await response.arrayBuffer();
      return response.ok ? null : `the receiver answered HTTP ${response.status}`;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
      this.logger.warn(`webhook delivery failed: ${(error as Error).message}`);
      return 'the receiver could not be reached';
    }
  }

  /** Writes the outcome and, when `action` is given and the row changed, its audit entry, in one transaction. */
  private async end(id: string, sql: string, params: unknown[], action: string | null, ownerId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(sql, params)) as [Array<{ attempts: number; status?: string }>, number];
      if (rows.length === 0 || action === null) return;
      if (action === 'notification.failed' && rows[0].status !== 'failed') return;
      await this.audit.append(manager, QUEUE_ACTOR, {
        action,
        entityType: 'notification',
        entityId: id,
        before: { status: 'pending' },
        after: { status: action === 'notification.delivered' ? 'delivered' : 'failed', attempts: rows[0].attempts, ownerId },
      });
    });
  }
}
