import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only, like audit_entries: a signed checkpoint is never changed (the database refuses it). */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'char', length: 64 }) hash: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt: Date;
  @Column({ name: 'key_id', type: 'text' }) keyId: string;
  @Column({ type: 'text' }) signature: string;
  @Column({ name: 'root_hash', type: 'char', length: 64, nullable: true }) rootHash: string | null;
  @Column({ type: 'text', nullable: true }) origin: string | null;
  @Column({ name: 'note_signature', type: 'text', nullable: true }) noteSignature: string | null;
}
