import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

/** A proposed change of identifying fields; applied only when a second person approves it. */
@Entity({ name: 'corrections' })
export class CorrectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'weapon_id', type: 'uuid' }) weaponId: string;
  @Column({ type: 'jsonb' }) changes: Record<string, string>;
  /** The values of the changed fields when the correction was proposed. */
  @Column({ type: 'jsonb' }) previous: Record<string, string>;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) status: CorrectionStatus;
  @Column({ name: 'proposed_by', type: 'uuid' }) proposedBy: string;
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt: Date;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
}
