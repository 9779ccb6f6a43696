import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only, like audit_entries: a signed checkpoint is never changed (the database refuses it). */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'char', length: 64 }) hash: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt: Date;
  @Column({ name: 'key_id', type: 'text' }) keyId: string;
  @Column({ type: 'text' }) signature: string;
}
