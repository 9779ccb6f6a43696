import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { ExportFormat } from './audit-export.format';
import { SeqRangeQuery } from '../verification/audit-verify.dto';

export class AuditExportQuery extends SeqRangeQuery {
  @ApiPropertyOptional({ enum: ExportFormat, enumName: 'AuditExportFormat', default: ExportFormat.Ndjson })
  @IsOptional()
  @IsEnum(ExportFormat)
  format?: ExportFormat;
}
