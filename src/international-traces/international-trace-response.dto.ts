import { ApiProperty } from '@nestjs/swagger';
import { DIVERSION_POINTS } from '../trace/trace-request.entity';
import { INTERNATIONAL_TRACE_STATUSES, type InternationalTraceStatus, PACKAGE_STATUSES, REPLY_OUTCOMES, type ReplyOutcome, TRACE_DIRECTIONS, type TraceDirection } from './international-trace.entity';

export class TraceMarkingViewDto {
  @ApiProperty() make: string;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: String }) calibre: string | null;
  @ApiProperty() serialNumber: string;
  @ApiProperty({ nullable: true, type: String }) countryOfManufacture: string | null;
  @ApiProperty({ nullable: true, type: String }) importMarking: string | null;
  @ApiProperty({ nullable: true, type: String }) otherMarkings: string | null;
}

export class TraceRestrictionsViewDto {
  @ApiProperty() confidential: boolean;
  @ApiProperty() noOnwardSharing: boolean;
  @ApiProperty({ nullable: true, type: String }) purposeOnly: string | null;
}

export class TraceResponseDto {
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the package sent' }) packageSha256: string;
  @ApiProperty({ format: 'uuid' }) respondedBy: string;
  @ApiProperty({ format: 'date-time' }) respondedAt: string;
}

export class TraceReplyDto {
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ enum: REPLY_OUTCOMES }) outcome: ReplyOutcome;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: DIVERSION_POINTS, nullable: true }) diversionPoint: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class TracePackageSummaryDto {
  @ApiProperty({ enum: PACKAGE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Incoming: traced, multiple_candidates or not_found; outgoing: prepared' })
  outcome: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The registry weapon the package is about' })
  weaponId: string | null;
  @ApiProperty({ nullable: true, type: String }) sha256: string | null;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
}

export class InternationalTraceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TRACE_DIRECTIONS }) direction: TraceDirection;
  @ApiProperty({ example: 'CO' }) state: string;
  @ApiProperty() agencyReference: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ description: 'Incoming, still open, and past dueAt' }) overdue: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) weaponId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) traceRequestId: string | null;
  @ApiProperty({ type: TraceMarkingViewDto }) marking: TraceMarkingViewDto;
  @ApiProperty() circumstances: string;
  @ApiProperty({ type: TraceRestrictionsViewDto }) restrictions: TraceRestrictionsViewDto;
  @ApiProperty({ enum: INTERNATIONAL_TRACE_STATUSES }) status: InternationalTraceStatus;
  @ApiProperty({ type: TracePackageSummaryDto }) package: TracePackageSummaryDto;
  @ApiProperty({ type: TraceResponseDto, nullable: true }) response: TraceResponseDto | null;
  @ApiProperty({ type: TraceReplyDto, nullable: true }) reply: TraceReplyDto | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PackagePendingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'processing'] }) status: string;
}
