import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';

export const IMPORT_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A CSV file of legacy weapon records, landed by the queue in batches. The file's bytes are read with SQL, never loaded here. */
@Entity({ name: 'imports' })
export class ImportEntity extends TrackedRecordColumns {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) status: ImportStatus;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ name: 'size_bytes', type: 'integer' }) sizeBytes: number;
  /** Data rows in the file (the header row not counted). */
  @Column({ type: 'integer' }) total: number;
  /** Data rows landed or rejected so far, committed with each batch: where a retried job resumes. */
  @Column({ type: 'integer' }) processed: number;
  @Column({ type: 'integer' }) accepted: number;
  @Column({ type: 'integer' }) rejected: number;
  @Column({ name: 'imported_by', type: 'uuid' }) importedBy: string;
  @Column({ name: 'imported_by_username', type: 'text' }) importedByUsername: string;
  /** The importer's districts when the file was posted (null: national); the job runs later. */
  @Column({ type: 'text', array: true, nullable: true }) jurisdiction: string[] | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
