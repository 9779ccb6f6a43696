import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';

export const TRACE_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type TraceDirection = (typeof TRACE_DIRECTIONS)[number];

export const INTERNATIONAL_TRACE_STATUSES = ['open', 'answered'] as const;
export type InternationalTraceStatus = (typeof INTERNATIONAL_TRACE_STATUSES)[number];

export const REPLY_OUTCOMES = ['traced', 'not_found', 'refused'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

export const PACKAGE_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/** The weapon's marking as the request gives it (API.md). */
export interface TraceMarking {
  make: string;
  model: string | null;
  type: string;
  calibre: string | null;
  serialNumber: string;
  countryOfManufacture: string | null;
  importMarking: string | null;
  otherMarkings: string | null;
}

/** What the requesting state allows of the information it gets (ITI para. 21, 23). */
export interface TraceRestrictions {
  confidential: boolean;
  noOnwardSharing: boolean;
  purposeOnly: string | null;
}

/** Panama's answer to an incoming trace. */
export interface TraceResponse {
  summary: string;
  packageSha256: string;
  respondedBy: string;
  respondedAt: string;
}

/** The foreign state's answer to an outgoing trace. */
export interface TraceReply {
  receivedAt: string;
  outcome: ReplyOutcome;
  summary: string;
  diversionPoint: string | null;
  recordedBy: string;
  recordedAt: string;
}

@Entity({ name: 'international_traces' })
export class InternationalTraceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) direction: TraceDirection;
  /** ISO 3166-1 alpha-2 of the other state. */
  @Column({ type: 'text' }) state: string;
  @Column({ name: 'agency_reference', type: 'text' }) agencyReference: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'weapon_id', type: 'uuid', nullable: true }) weaponId: string | null;
  @Column({ name: 'trace_request_id', type: 'uuid', nullable: true }) traceRequestId: string | null;
  @Column({ type: 'jsonb' }) marking: TraceMarking;
  @Column({ type: 'text' }) circumstances: string;
  @Column({ type: 'jsonb' }) restrictions: TraceRestrictions;
  @Column({ type: 'text' }) status: InternationalTraceStatus;
  @Column({ type: 'jsonb', nullable: true }) response: TraceResponse | null;
  @Column({ type: 'jsonb', nullable: true }) reply: TraceReply | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_by_username', type: 'text' }) createdByUsername: string;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/**
 * The package a trace answers with (incoming) or is sent with (outgoing), prepared by the
 * queue: the record of its tracked job, sharing the trace's id. `content` is the exact JSON
 * text `sha256` was taken over, served as stored.
 */
@Entity({ name: 'international_trace_packages' })
export class TracePackageEntity extends TrackedRecordColumns {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) status: PackageStatus;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  /** Incoming: the search's outcome (`traced`, `multiple_candidates`, `not_found`); outgoing: `prepared`. */
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ name: 'weapon_id', type: 'uuid', nullable: true }) weaponId: string | null;
  @Column({ type: 'text', nullable: true }) content: string | null;
  @Column({ type: 'text', nullable: true }) sha256: string | null;
  @Column({ name: 'audit_head_seq', type: 'bigint', nullable: true }) auditHeadSeq: string | null;
  @Column({ name: 'audit_head_hash', type: 'text', nullable: true }) auditHeadHash: string | null;
  /** The owners the package names (empty when person data is withheld), for the audit of each download. */
  @Column({ name: 'names_owners', type: 'jsonb', nullable: true }) namesOwners: string[] | null;
}
