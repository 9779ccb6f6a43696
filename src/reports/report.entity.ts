import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../i18n/language';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';
import type { ReportFormat, ReportKind, ReportStatus } from './report-kinds';

/** A report: requested over the API, built by the queue, its file kept in report_chunks. */
@Entity({ name: 'reports' })
export class ReportEntity extends TrackedRecordColumns {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ReportKind;
  @Column({ type: 'text' }) format: ReportFormat;
  /** As validated when requested; a weapon trace names both the weapon's id and registry number. */
  @Column({ type: 'jsonb' }) params: Record<string, unknown>;
  @Column({ type: 'text' }) status: ReportStatus;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  @Column({ name: 'requested_by_username', type: 'text' }) requestedByUsername: string;
  /** When the data was read: the moment the report describes. */
  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true }) generatedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  /** The last audit entry the data reflects: every change up to it, none after it. */
  @Column({ name: 'audit_head_seq', type: 'bigint', nullable: true }) auditHeadSeq: string | null;
  @Column({ type: 'char', length: 64, nullable: true }) sha256: string | null;
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true }) sizeBytes: string | null;
  @Column({ name: 'row_count', type: 'integer', nullable: true }) rowCount: number | null;
  @Column({ name: 'chunk_count', type: 'integer', nullable: true }) chunkCount: number | null;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  /** Requested by an auditor: document numbers masked to their last four characters, no addresses. */
  @Column({ name: 'mask_personal_data', type: 'boolean', default: false }) maskPersonalData: boolean;
  /** The language of the file's text (Accept-Language of the request, or of the trace request it answers). */
  @Column({ type: 'text', default: 'es' }) language: Language;
}
