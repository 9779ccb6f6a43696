import type { NotificationDto, NotificationRunDto } from './notification.dto';
import type { NotificationEntity, NotificationRunEntity } from './notification.entity';
import type { NotificationMessage } from './webhook-signature';

export function toNotificationDto(notification: NotificationEntity): NotificationDto {
  return {
    id: notification.id,
    ownerId: notification.ownerId,
    kind: notification.kind,
    documentId: notification.documentId,
    documentNumber: notification.documentNumber,
    expiresAt: notification.expiresAt,
    status: notification.status,
    attempts: notification.attempts,
    deliveredAt: notification.deliveredAt?.toISOString() ?? null,
    lastError: notification.lastError,
    createdAt: notification.createdAt.toISOString(),
  };
}

export function toMessage(notification: NotificationEntity): NotificationMessage {
  return {
    id: notification.id,
    ownerId: notification.ownerId,
    kind: notification.kind,
    documentId: notification.documentId,
    documentNumber: notification.documentNumber,
    expiresAt: notification.expiresAt,
    createdAt: notification.createdAt.toISOString(),
  };
}

export function toRunDto(run: NotificationRunEntity): NotificationRunDto {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    written: run.written,
    attempts: run.attempts,
    failureReason: run.failureReason,
  };
}
