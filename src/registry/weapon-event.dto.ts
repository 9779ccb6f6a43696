import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { REPORTABLE_EVENTS, type ReportableEvent, WeaponEventKind } from './weapon-status';

export class RecordWeaponEventDto {
  @ApiProperty({ enum: REPORTABLE_EVENTS })
  @IsIn(REPORTABLE_EVENTS)
  kind: ReportableEvent;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T14:30:00Z' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({ example: 'Vía España, San Miguelito' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional({ example: 'DIJ-2026-4411', description: 'Police report, case or decree number' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiProperty({ description: "The weapon's version you read" })
  @IsInt()
  @Min(1)
  version: number;
}

export class WeaponEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) weaponId: string;
  @ApiProperty({ enum: WeaponEventKind }) kind: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() fromStatus: string;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) details: Record<string, unknown> | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
