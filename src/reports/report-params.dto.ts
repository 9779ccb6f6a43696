import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TRACE_REQUEST_STATUSES, type TraceRequestStatus } from '../trace/trace-request.entity';
import { DAY_FORMAT } from '../common/dates';
import { DISTRICT_CODE } from '../owners/owners.validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** params of `weapon_trace`: exactly one of weaponId and registryNumber. */
export class WeaponTraceParamsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The weapon; give this or registryNumber' })
  @IsOptional()
  @IsUUID('all')
  weaponId?: string;

  @ApiPropertyOptional({ example: 'PA-2026-0000123', description: 'The weapon by its registry number; give this or weaponId' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  registryNumber?: string;
}

/** params of `stolen_weapons`: every weapon now lost or stolen, optionally narrowed. */
export class StolenWeaponsParamsDto {
  @ApiPropertyOptional({ example: '8-05', description: "Only weapons whose holder's district is this one (GET /reference/districts)" })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only weapons reported lost or stolen on or after this day (Panama)' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  since?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only weapons reported lost or stolen on or before this day (Panama)' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  until?: string;
}

/** params of `district_summary`: every district, or one. */
export class DistrictSummaryParamsDto {
  @ApiPropertyOptional({ example: '8-05', description: 'Only this district; all districts when absent' })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;
}

/** params of `trace_requests`: requests filed in a period, optionally by status or case. */
export class TraceRequestsParamsDto {
  @ApiPropertyOptional({ format: 'date', description: 'Filed on or after this day (Panama)' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Filed on or before this day (Panama)' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  to?: string;

  @ApiPropertyOptional({ enum: TRACE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(TRACE_REQUEST_STATUSES)
  status?: TraceRequestStatus;

  @ApiPropertyOptional({ example: 'DIJ-2026-004411' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  caseNumber?: string;
}

/** params of `subject_access`: the person whose data the report gathers. */
export class SubjectAccessParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The owner (officers and supervisors: within their jurisdiction)' })
  @IsUUID('all')
  ownerId: string;
}

export const PARAMS_MODELS = [
  WeaponTraceParamsDto,
  StolenWeaponsParamsDto,
  DistrictSummaryParamsDto,
  TraceRequestsParamsDto,
  SubjectAccessParamsDto,
];
