import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';
import type { FindingCounts } from './finding-kinds';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ['manual', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** What the run's audit-chain verification found. */
export interface AuditChainSummary {
  valid: boolean;
  checked: number;
  headSeq: number;
  firstInvalidSeq: number | null;
  checkpointsChecked: number;
}

/** One reconciliation of the whole registry, asked for by a person or fired by the schedule. */
@Entity({ name: 'reconciliation_runs' })
export class ReconciliationRunEntity extends TrackedRecordColumns {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) trigger: RunTrigger;
  /** The scheduler's job id for a scheduled run: one run per firing, however often it is delivered. */
  @Column({ type: 'text', nullable: true }) firing: string | null;
  @Column({ type: 'text' }) status: RunStatus;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  /** The requester's username, or `schedule`. */
  @Column({ name: 'requested_by_username', type: 'text' }) requestedByUsername: string;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /** Weapons examined. */
  @Column({ type: 'integer', nullable: true }) checked: number | null;
  @Column({ name: 'findings_by_kind', type: 'jsonb', nullable: true }) findingsByKind: FindingCounts | null;
  @Column({ name: 'audit_chain', type: 'jsonb', nullable: true }) auditChain: AuditChainSummary | null;
  /** Wall time of each step of the completing attempt, in milliseconds. */
  @Column({ name: 'durations_ms', type: 'jsonb', nullable: true }) durationsMs: Record<string, number> | null;
}
