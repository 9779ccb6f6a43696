import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EVIDENCE_KINDS = ['psychological_evaluation', 'drug_test', 'criminal_record', 'shooting_test', 'training'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What Ley 57 de 2011 asks before a carry licence is issued or renewed: each in force on the day. */
export const CARRY_LICENCE_EVIDENCE: readonly EvidenceKind[] = ['psychological_evaluation', 'drug_test', 'criminal_record'];

/** A document a licence rests on (an evaluation, a test, a certificate), in force from issuedAt to validUntil. */
@Entity({ name: 'owner_evidence' })
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'text' }) kind: EvidenceKind;
  @Column({ name: 'issued_at', type: 'date' }) issuedAt: string;
  @Column({ name: 'valid_until', type: 'date' }) validUntil: string;
  @Column({ type: 'text' }) reference: string;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
