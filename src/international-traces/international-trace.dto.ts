import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsISO31661Alpha2, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DAY_FORMAT } from '../common/dates';
import { PageQuery } from '../common/pagination';
import { DIVERSION_POINTS, type DiversionPoint } from '../trace/trace-request.entity';
import { INTERNATIONAL_TRACE_STATUSES, type InternationalTraceStatus, REPLY_OUTCOMES, type ReplyOutcome, TRACE_DIRECTIONS, type TraceDirection } from './international-trace.entity';

const COUNTRY = /^[A-Z]{2}$/;
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class TraceMarkingDto {
  @ApiProperty({ example: 'Glock' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  make: string;

  @ApiPropertyOptional({ example: '19' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  model?: string;

  @ApiProperty({ example: 'pistol' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type: string;

  @ApiPropertyOptional({ example: '9mm' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  calibre?: string;

  @ApiProperty({ example: 'ABC-123', description: 'As written on the weapon; searched exact, normalised and with look-alike characters folded' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber: string;

  @ApiPropertyOptional({ example: 'AT', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(COUNTRY)
  @IsISO31661Alpha2()
  countryOfManufacture?: string;

  @ApiPropertyOptional({ example: 'PTY 2021', description: 'The import marking as read on the weapon' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  importMarking?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  otherMarkings?: string;
}

export class TraceRestrictionsDto {
  @ApiProperty({ description: 'The requester treats what it receives as confidential' })
  @IsBoolean()
  confidential: boolean;

  @ApiProperty({ description: 'The requester passes nothing it receives on to a third party' })
  @IsBoolean()
  noOnwardSharing: boolean;

  @ApiPropertyOptional({ example: 'criminal proceedings 2026-114', description: 'The only purpose the information may be used for' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  purposeOnly?: string;
}

export class CreateInternationalTraceDto {
  @ApiProperty({ enum: TRACE_DIRECTIONS, description: '`incoming`: another state asks Panama; `outgoing`: Panama asks another state' })
  @IsIn(TRACE_DIRECTIONS)
  direction: TraceDirection;

  @ApiProperty({ example: 'CO', description: 'The other state: an existing ISO 3166-1 alpha-2 code in upper case' })
  @Matches(COUNTRY)
  @IsISO31661Alpha2()
  state: string;

  @ApiProperty({ example: 'DIJIN-2026-0042', description: "The requesting agency's own reference" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agencyReference: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the request was received (incoming; default now). Outgoing: when it was sent (now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the answer is due; incoming default receivedAt + ITI_RESPONSE_DAYS (30). Not before receivedAt.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Outgoing (required): the registry weapon the trace is about' })
  @IsOptional()
  @IsUUID()
  weaponId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Outgoing: the domestic trace request it serves; a reply's diversionPoint then records that request's illicit origin",
  })
  @IsOptional()
  @IsUUID()
  traceRequestId?: string;

  @ApiProperty({ type: TraceMarkingDto, description: 'Required in both directions: incoming, what is searched; outgoing, what is asked about' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TraceMarkingDto)
  marking: TraceMarkingDto;

  @ApiProperty({ example: 'Recovered at a checkpoint in Cúcuta', description: 'Circumstances of the recovery' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  circumstances: string;

  @ApiPropertyOptional({ type: TraceRestrictionsDto, description: 'Default: no restriction (confidential and noOnwardSharing false)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TraceRestrictionsDto)
  restrictions?: TraceRestrictionsDto;
}

export class RespondInternationalTraceDto {
  @ApiProperty({ example: 'Registered weapon found; package sent through the ITI contact point' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary: string;
}

export class ReplyInternationalTraceDto {
  @ApiProperty({ format: 'date-time', description: "When the foreign state's answer arrived" })
  @IsISO8601({ strict: true })
  receivedAt: string;

  @ApiProperty({ enum: REPLY_OUTCOMES })
  @IsIn(REPLY_OUTCOMES)
  outcome: ReplyOutcome;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({
    enum: DIVERSION_POINTS,
    description: 'Where the weapon left lawful hands, as the answer shows; with a linked trace request, recorded as its illicit origin',
  })
  @IsOptional()
  @IsIn(DIVERSION_POINTS)
  diversionPoint?: DiversionPoint;
}

export class InternationalTraceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRACE_DIRECTIONS })
  @IsOptional()
  @IsIn(TRACE_DIRECTIONS)
  direction?: TraceDirection;

  @ApiPropertyOptional({ enum: INTERNATIONAL_TRACE_STATUSES })
  @IsOptional()
  @IsIn(INTERNATIONAL_TRACE_STATUSES)
  status?: InternationalTraceStatus;

  @ApiPropertyOptional({ description: 'Only incoming traces still open past their due date' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
}

export class PackageQuery {
  @ApiPropertyOptional({ enum: ['json', 'pdf'], description: 'Default json' })
  @IsOptional()
  @IsIn(['json', 'pdf'])
  format?: 'json' | 'pdf';
}

export class InterpolExportQuery {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'Changes on or after this Panama day' })
  @Matches(DAY_FORMAT)
  since: string;
}
