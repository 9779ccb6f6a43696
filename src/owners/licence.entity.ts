import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type StoredLicenceStatus } from './licence-in-force';
import { type LicenceKind } from './licence-kinds';

@Entity({ name: 'licences' })
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'text' }) kind: LicenceKind;
  /** Upper case, single spaces; unique per kind. */
  @Column({ type: 'text' }) number: string;
  @Column({ name: 'issued_at', type: 'date' }) issuedAt: string;
  @Column({ name: 'expires_at', type: 'date' }) expiresAt: string;
  @Column({ name: 'weapon_types', type: 'text', array: true }) weaponTypes: string[];
  @Column({ type: 'text', default: 'valid' }) status: StoredLicenceStatus;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason: string | null;
  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true }) suspendedAt: Date | null;
  @Column({ name: 'suspended_reason', type: 'text', nullable: true }) suspendedReason: string | null;
  /** The suspension's last day; null: until reinstated. */
  @Column({ name: 'suspended_until', type: 'date', nullable: true }) suspendedUntil: string | null;
  /** The court prohibition that suspended it, whose lifting reinstates it. */
  @Column({ name: 'suspended_by_prohibition', type: 'uuid', nullable: true }) suspendedByProhibition: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
