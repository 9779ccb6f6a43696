import { Column } from 'typeorm';

/**
 * The columns every tracked job's record has (see TrackedJobOptions), for its entity to
 * extend. `status` and the end instant stay with the entity: their values and column name are
 * part of each record's contract.
 */
export abstract class TrackedRecordColumns {
  /** Runs of the job that started on this record, retries included. */
  @Column({ type: 'integer' }) attempts: number;
  /** X-Request-Id of the request that created the record, carried into the audit entries of its job. */
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  /** Shown to the requester once the retries are spent; names no internals. */
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason: string | null;
}
