import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ALERT_SOURCES = ['registration_attempt', 'trace_search', 'trace_request', 'surrender_required'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The weapon as it was when the alert was raised. */
export interface AlertWeapon {
  id: string;
  registryNumber: string;
  make: string;
  model: string;
  serialNumber: string;
  status: string;
}

/** A hit on a weapon reported lost or stolen, or a weapon a court prohibition requires its holder to surrender. */
@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) source: AlertSource;
  @Column({ name: 'weapon_id', type: 'uuid' }) weaponId: string;
  @Column({ type: 'jsonb' }) weapon: AlertWeapon;
  /** What triggered it: the attempted registration, the search, or the trace request. */
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
  @Column({ name: 'trace_request_id', type: 'uuid', nullable: true }) traceRequestId: string | null;
  @Column({ name: 'raised_by', type: 'uuid', nullable: true }) raisedBy: string | null;
  @Column({ name: 'raised_by_username', type: 'text' }) raisedByUsername: string;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
  @Column({ type: 'text' }) status: AlertStatus;
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true }) acknowledgedBy: string | null;
  @Column({ name: 'acknowledged_by_username', type: 'text', nullable: true }) acknowledgedByUsername: string | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'integer' }) version: number;
}
