import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PROHIBITION_STATUSES = ['active', 'lifted'] as const;
export type ProhibitionStatus = (typeof PROHIBITION_STATUSES)[number];

/** A court's order that a person may not hold weapons (a protection order, most often). */
@Entity({ name: 'prohibitions' })
export class ProhibitionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'text' }) court: string;
  @Column({ name: 'order_ref', type: 'text' }) orderRef: string;
  @Column({ type: 'date' }) from: string;
  /** The order's own end, as the court wrote it; the prohibition lasts until lifted. */
  @Column({ type: 'date', nullable: true }) until: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) status: ProhibitionStatus;
  @Column({ name: 'ordered_by', type: 'uuid' }) orderedBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true }) liftedAt: Date | null;
  @Column({ name: 'lifted_by', type: 'uuid', nullable: true }) liftedBy: string | null;
  @Column({ name: 'lift_reason', type: 'text', nullable: true }) liftReason: string | null;
  @Column({ type: 'integer' }) version: number;
}
