import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type IdDocumentKind, type OwnerType } from './id-document';
import { type OwnerStatus } from './owner-status';

@Entity({ name: 'owners' })
export class OwnerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) type: OwnerType;
  @Column({ type: 'text' }) name: string;
  /** foldForSearch(name), kept in step with name by the use cases. */
  @Column({ name: 'name_search', type: 'text' }) nameSearch: string;
  @Column({ name: 'id_kind', type: 'text' }) idKind: IdDocumentKind;
  /** Canonical display form of the document number. */
  @Column({ name: 'id_number', type: 'text' }) idNumber: string;
  /** The key of id-document.ts: unique per kind, and what searches by number compare. */
  @Column({ name: 'id_number_normalized', type: 'text' }) idNumberNormalized: string;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) nationality: string | null;
  @Column({ type: 'text' }) district: string;
  @Column({ name: 'address_line', type: 'text' }) addressLine: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', default: 'active' }) status: OwnerStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
