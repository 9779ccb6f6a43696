import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationKind, type NotificationStatus, RUN_STATUSES, type RunStatus } from './notification.entity';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, enumName: 'NotificationStatus' })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, enumName: 'NotificationKind' }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'MINSEG-2026-001234' }) documentNumber: string;
  @ApiProperty({ format: 'date' }) expiresAt: string;
  @ApiProperty({
    enum: NOTIFICATION_STATUSES,
    enumName: 'NotificationStatus',
    description: 'pending until delivered to NOTIFY_WEBHOOK_URL (or while none is configured); failed once the last attempt failed',
  })
  status: NotificationStatus;
  @ApiProperty({ description: 'Webhook deliveries tried' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last delivery failed (the receiver’s HTTP status, a timeout)' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AcceptedNotificationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class NotificationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: 'manual' | 'schedule';
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Notifications written (documents already reminded of are not written again)' })
  written: number | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
}
