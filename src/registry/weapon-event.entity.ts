import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'weapon_events' })
export class WeaponEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'weapon_id', type: 'uuid' }) weaponId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'text', nullable: true }) place: string | null;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'from_status', type: 'text' }) fromStatus: string;
  @Column({ name: 'to_status', type: 'text' }) toStatus: string;
  /** Old and new values of a correction, or the assigned national mark. */
  @Column({ type: 'jsonb', nullable: true }) details: Record<string, unknown> | null;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
