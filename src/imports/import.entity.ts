import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A CSV file of legacy weapon records, landed by the queue in batches. The file's bytes are read with SQL, never loaded here. */
@Entity({ name: 'imports' })
export class ImportEntity {
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
  /** Runs of the import job that started on this import, retries included. */
  @Column({ type: 'integer' }) attempts: number;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
  @Column({ name: 'imported_by', type: 'uuid' }) importedBy: string;
  @Column({ name: 'imported_by_username', type: 'text' }) importedByUsername: string;
  /** The importer's districts when the file was posted (null: national); the job runs later. */
  @Column({ type: 'text', array: true, nullable: true }) jurisdiction: string[] | null;
  /** X-Request-Id of the POST, carried into the audit entries of its job. */
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
