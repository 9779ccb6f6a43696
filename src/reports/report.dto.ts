import type { Language } from '../i18n/language';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { REPORT_FORMATS, REPORT_KINDS, REPORT_STATUSES, type ReportFormat, type ReportKind, type ReportStatus } from './report-kinds';
import { DistrictSummaryParamsDto, StolenWeaponsParamsDto, TraceRequestsParamsDto, WeaponTraceParamsDto } from './report-params.dto';

const PARAMS_SCHEMA = {
  oneOf: [
    { $ref: getSchemaPath(WeaponTraceParamsDto) },
    { $ref: getSchemaPath(StolenWeaponsParamsDto) },
    { $ref: getSchemaPath(DistrictSummaryParamsDto) },
    { $ref: getSchemaPath(TraceRequestsParamsDto) },
  ],
};

export const KINDS_DESCRIPTION =
  '`weapon_trace` (params WeaponTraceParamsDto): the trace record of one weapon: markings, current holder, custody chain, ' +
  'events and flags. `stolen_weapons` (StolenWeaponsParamsDto): every weapon now lost or stolen, with its holder, district ' +
  'and when it was reported, newest report first. `district_summary` (DistrictSummaryParamsDto): per district, weapons by ' +
  'status, owners and licences in force today. `trace_requests` (TraceRequestsParamsDto): trace requests with case number, ' +
  'agency, status and outcome, oldest first. Unknown params are refused. The data of a report is read at one instant, ' +
  'consistent with the audit chain up to `auditHeadSeq`.';

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_KINDS, description: KINDS_DESCRIPTION })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiPropertyOptional({
    ...PARAMS_SCHEMA,
    description: 'The params of the kind (see kind); may be left out when the kind needs none. Errors name them as params.<name>.',
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty({
    enum: REPORT_FORMATS,
    description:
      '`pdf`: a printable document (Helvetica, tables with headings on every page, "Página N" on every page). `csv`: RFC 4180, ' +
      'UTF-8, one header row; a weapon_trace CSV has one row per custody period, event and flag (column section). `json`: ' +
      '`{ report, rows, rowCount }`, or `{ report, traceRecord }` for weapon_trace.',
  })
  @IsIn(REPORT_FORMATS)
  format: ReportFormat;
}

export class AcceptedReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class ReportQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REPORT_KINDS })
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: ReportKind;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind: ReportKind;
  @ApiProperty({ enum: REPORT_FORMATS }) format: ReportFormat;
  @ApiProperty({ ...PARAMS_SCHEMA, description: 'As validated; a weapon_trace names both weaponId and registryNumber' })
  params: Record<string, unknown>;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty({ example: 'application/pdf', description: 'The Content-Type GET /reports/:id/file serves' }) contentType: string;
  @ApiProperty({ description: 'Runs of the building job so far, retries included' }) attempts: number;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({
    enum: ['es', 'en'],
    description: "The language of the PDF's text, from the request's Accept-Language (a trace request's report: the trace request's)",
  })
  language: Language;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the job first started on it' }) startedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Once completed: the instant the data was read' }) generatedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Once completed or failed' }) completedAt?: string;
  @ApiPropertyOptional({ description: 'Once completed: the last audit entry (seq) the data reflects; nothing after it' })
  auditHeadSeq?: number;
  @ApiPropertyOptional({ example: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c', description: 'Once completed: SHA-256 of the file, hex' })
  sha256?: string;
  @ApiPropertyOptional({ description: 'Once completed: the file size in bytes' }) sizeBytes?: number;
  @ApiPropertyOptional({ description: 'Once completed: data rows in the report (periods, events and flags for weapon_trace)' })
  rowCount?: number;
  @ApiPropertyOptional({ example: 'weapon-trace-PA-2026-0000123-2026-11-28.pdf', description: 'Once completed: the file name served' })
  fileName?: string;
  @ApiPropertyOptional({ description: 'Once failed: why, in words for the requester' }) failureReason?: string;
}
