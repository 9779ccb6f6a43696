import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../i18n/language';
import { TrackedRecordColumns } from '../queue/tracked-record.columns';

export const TRACE_REQUEST_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type TraceRequestStatus = (typeof TRACE_REQUEST_STATUSES)[number];

export interface Recovery {
  date: string;
  place: string;
  district: string | null;
}

export interface MarkingDescription {
  serialNumber: string;
  make: string | null;
  model: string | null;
  calibre: string | null;
  type: string | null;
  countryOfManufacture: string | null;
}

export const ORIGIN_METHODS = ['tracing', 'intelligence', 'other'] as const;
export const DIVERSION_POINTS = [
  'theft',
  'loss',
  'state_stock',
  'illicit_manufacture',
  'smuggled_import',
  'unauthorised_transfer',
  'unknown',
] as const;
export type DiversionPoint = (typeof DIVERSION_POINTS)[number];

/** The competent authority's finding on where a recovered weapon left lawful hands (SDG 16.4.2). */
export interface IllicitOrigin {
  established: boolean;
  method: (typeof ORIGIN_METHODS)[number];
  diversionPoint: DiversionPoint;
  notes: string | null;
  establishedBy: string;
  establishedAt: string;
}

/** A police request to trace a recovered weapon, answered by the queue. */
@Entity({ name: 'trace_requests' })
export class TraceRequestEntity extends TrackedRecordColumns {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_number', type: 'text' }) caseNumber: string;
  @Column({ name: 'requesting_agency', type: 'text' }) requestingAgency: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'crime_type', type: 'text', nullable: true }) crimeType: string | null;
  @Column({ type: 'jsonb' }) recovery: Recovery;
  @Column({ type: 'jsonb' }) marking: MarkingDescription;
  @Column({ type: 'text' }) status: TraceRequestStatus;
  /** The outcome, written once, by the run that completes the request. */
  @Column({ type: 'jsonb', nullable: true }) result: Record<string, unknown> | null;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  /** Named on the alerts the request raises, as they were when it was filed. */
  @Column({ name: 'requested_by_username', type: 'text' }) requestedByUsername: string;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  /** The PDF trace report filed with a `traced` answer. */
  @Column({ name: 'report_id', type: 'uuid', nullable: true }) reportId: string | null;
  /** Set by POST /trace-requests/:id/origin; the last finding stands. */
  @Column({ name: 'illicit_origin', type: 'jsonb', nullable: true }) illicitOrigin: IllicitOrigin | null;
  @Column({ type: 'integer' }) version: number;
  /** The language it was filed in (Accept-Language): the report that answers it is written in it. */
  @Column({ type: 'text', default: 'es' }) language: Language;
}
