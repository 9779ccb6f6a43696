import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ErrorCode } from '../common/error-code';
import { PageQuery } from '../common/pagination';
import { IMPORT_STATUSES, type ImportStatus } from './import.entity';

export class ImportQuery extends PageQuery {
  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: ImportStatus;
}

export class AcceptedImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class ImportRowErrorDto {
  @ApiProperty({ example: 7, description: 'Line number in the file, the header row being line 1 (a row whose quoted cells span lines: its first line)' })
  row: number;

  @ApiProperty({
    enum: [
      ErrorCode.ValidationFailed,
      ErrorCode.NotFound,
      ErrorCode.OutOfJurisdiction,
      ErrorCode.OwnerInactive,
      ErrorCode.HolderNotLicensed,
      ErrorCode.DuplicateMarking,
      ErrorCode.MarkingReportedStolen,
    ],
    description: 'As POST /weapons would answer for the row; NOT_FOUND: no owner has the holder document',
  })
  code: string;

  @ApiProperty({ example: 'acquisitionDate: acquisitionDate cannot be in the future' }) message: string;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty({ description: 'Data rows in the file (the header row not counted)' }) total: number;
  @ApiProperty({ description: 'Data rows landed or rejected so far' }) processed: number;
  @ApiProperty({ description: 'Rows registered as weapons' }) accepted: number;
  @ApiProperty({ description: 'Rows rejected, each listed in errors' }) rejected: number;
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The rejected rows so far, in file order' }) errors: ImportRowErrorDto[];
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the file, hex' })
  sha256: string;
  @ApiProperty({ description: 'Size of the file in bytes' }) sizeBytes: number;
  @ApiPropertyOptional({ description: 'Present once failed: why' }) failureReason?: string;
  @ApiProperty({ format: 'uuid' }) importedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}

/** GET /imports lists imports without their rows' errors (GET /imports/:id has them). */
export class ImportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty() total: number;
  @ApiProperty() processed: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiPropertyOptional() failureReason?: string;
  @ApiProperty({ format: 'uuid' }) importedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
}
