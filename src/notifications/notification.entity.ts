import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';

/** `certificate_expiring` is written once the certificates module's expiry source is plugged in (expiring-documents.ts). */
export const NOTIFICATION_KINDS = ['licence_expiring', 'certificate_expiring'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** pending: written, not (yet) delivered to the webhook (or no webhook is configured). */
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A reminder that a document is about to expire: one per document and expiry day. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  /** The owner's district when the notification was written: what scoped readers are filtered on. */
  @Column({ type: 'text' }) district: string;
  @Column({ type: 'text' }) kind: NotificationKind;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ name: 'document_number', type: 'text' }) documentNumber: string;
  @Column({ name: 'expires_at', type: 'date' }) expiresAt: string;
  @Column({ name: 'run_id', type: 'uuid', nullable: true }) runId: string | null;
  @Column({ type: 'text' }) status: NotificationStatus;
  /** Webhook deliveries tried. */
  @Column({ type: 'integer' }) attempts: number;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One pass of the reminders job, asked for (POST /notifications/run) or fired by the daily schedule. */
@Entity({ name: 'notification_runs' })
export class NotificationRunEntity extends TrackedRecordColumns {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) trigger: 'manual' | 'schedule';
  /** The scheduler's job id of a scheduled run: one run per firing. */
  @Column({ type: 'text', nullable: true }) firing: string | null;
  @Column({ type: 'text' }) status: RunStatus;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ name: 'requested_by_username', type: 'text' }) requestedByUsername: string;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /** Notifications this run wrote (documents already reminded of are not written again). */
  @Column({ type: 'integer', nullable: true }) written: number | null;
}
