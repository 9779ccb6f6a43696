import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { DIVERSION_POINTS, type DiversionPoint, ORIGIN_METHODS, TRACE_REQUEST_STATUSES, type TraceRequestStatus } from './trace-request.entity';
import { TraceMatchDto, TraceRecordDto } from './trace.dto';
import { DAY_FORMAT } from '../common/dates';
import { DISTRICT_CODE } from '../owners/owners.validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class TraceRecoveryDto {
  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The day the weapon was recovered (not in the future)' })
  @Matches(DAY_FORMAT)
  date: string;

  @ApiProperty({ example: 'Vía Domingo Díaz, Juan Díaz', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place: string;

  @ApiPropertyOptional({ example: '8-05', description: 'District code from GET /reference/districts' })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;
}

export class MarkingDto {
  @ApiProperty({ example: 'B0O1-7S', description: 'As read from the weapon; a fragment of at least 4 letters or digits will do' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber: string;

  @ApiPropertyOptional({ example: 'Glock', description: 'Narrows the search when given' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  make?: string;

  @ApiPropertyOptional({ example: '19' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  model?: string;

  @ApiPropertyOptional({ example: '9mm', description: 'Narrows the search when given' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  calibre?: string;

  @ApiPropertyOptional({ example: 'pistol', description: 'Narrows the search when given' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type?: string;

  @ApiPropertyOptional({ example: 'AT' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  countryOfManufacture?: string;
}

export class CreateTraceRequestDto {
  @ApiProperty({ example: 'DIJ-2026-004411', description: 'The police case the weapon belongs to' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  caseNumber: string;

  @ApiProperty({ example: 'Dirección de Investigación Judicial' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  requestingAgency: string;

  @ApiProperty({ example: 'Weapon recovered at a crime scene' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ example: 'robbery' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  crimeType?: string;

  @ApiProperty({ type: TraceRecoveryDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TraceRecoveryDto)
  recovery: TraceRecoveryDto;

  @ApiProperty({ type: MarkingDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MarkingDto)
  marking: MarkingDto;
}

export class TraceRequestQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'DIJ-2026-004411' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseNumber?: string;

  @ApiPropertyOptional({ enum: TRACE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(TRACE_REQUEST_STATUSES)
  status?: TraceRequestStatus;
}

export class AcceptedTraceRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class TraceResultDto {
  @ApiProperty({ enum: ['traced', 'multiple_candidates', 'not_found'] }) outcome: string;
  @ApiProperty({ type: [TraceMatchDto], description: 'Every candidate found, best first, as they were when the request was answered' })
  candidates: TraceMatchDto[];
  @ApiPropertyOptional({ type: TraceRecordDto, description: 'The trace record of the one weapon traced' })
  traceRecord?: TraceRecordDto;
  @ApiPropertyOptional({
    enum: ['theft', 'loss'],
    nullable: true,
    description: 'The diversion point the queue proposes: theft or loss when the traced weapon was reported so before its recovery',
  })
  suggestedDiversionPoint?: 'theft' | 'loss' | null;
}

export class RecoveryViewDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
}

export class MarkingViewDto {
  @ApiProperty() serialNumber: string;
  @ApiProperty({ nullable: true, type: String }) make: string | null;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty({ nullable: true, type: String }) calibre: string | null;
  @ApiProperty({ nullable: true, type: String }) type: string | null;
  @ApiProperty({ nullable: true, type: String }) countryOfManufacture: string | null;
}

export class TraceRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() requestingAgency: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) crimeType: string | null;
  @ApiProperty({ type: RecoveryViewDto }) recovery: RecoveryViewDto;
  @ApiProperty({ type: MarkingViewDto }) marking: MarkingViewDto;
  @ApiProperty({ enum: TRACE_REQUEST_STATUSES }) status: TraceRequestStatus;
  @ApiPropertyOptional({ type: TraceResultDto, description: 'Present once completed' }) result?: TraceResultDto;
  @ApiPropertyOptional({ description: 'Present once failed: why, in words for the requester' }) failureReason?: string;
  @ApiProperty({ description: 'Runs of the answering job so far, retries included' }) attempts: number;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Present once answered `traced`: the PDF trace report filed with the answer (GET /reports/:id, then /reports/:id/file)',
  })
  reportId?: string;
  @ApiProperty({ type: () => IllicitOriginDto, nullable: true, description: "The competent authority's finding on illicit origin, once made" })
  illicitOrigin: IllicitOriginDto | null;
}

export class IllicitOriginDto {
  @ApiProperty() established: boolean;
  @ApiProperty({ enum: ORIGIN_METHODS }) method: (typeof ORIGIN_METHODS)[number];
  @ApiProperty({ enum: DIVERSION_POINTS }) diversionPoint: DiversionPoint;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'uuid', description: 'The user who recorded the finding' }) establishedBy: string;
  @ApiProperty({ format: 'date-time' }) establishedAt: string;
}

export class EstablishOriginDto {
  @ApiProperty({ description: 'Whether the illicit origin or context was traced or established' })
  @IsBoolean()
  established: boolean;

  @ApiProperty({ enum: ORIGIN_METHODS })
  @IsIn(ORIGIN_METHODS)
  method: (typeof ORIGIN_METHODS)[number];

  @ApiProperty({ enum: DIVERSION_POINTS })
  @IsIn(DIVERSION_POINTS)
  diversionPoint: DiversionPoint;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string;
}
