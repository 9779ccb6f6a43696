import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { TRANSFER_KINDS, type TransferKind } from './transfer.entity';

export class RecordTransferDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  weaponId: string;

  @ApiProperty({ format: 'uuid', description: "The weapon's current holder" })
  @IsUUID()
  fromOwnerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless kind is export' })
  @IsOptional()
  @IsUUID()
  toOwnerId?: string;

  @ApiProperty({ enum: TRANSFER_KINDS })
  @IsIn(TRANSFER_KINDS)
  kind: TransferKind;

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;

  @ApiPropertyOptional({ example: 'NOT-2026-0042', description: 'Deed, invoice, court ruling or export permit' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  documentRef?: string;

  @ApiPropertyOptional({ example: 'CR', description: 'ISO 3166-1 alpha-2; required for an export' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  destinationCountry?: string;

  @ApiProperty({ description: "The weapon's version you read; a stale one gives 409 STALE_VERSION" })
  @IsInt()
  @Min(1)
  weaponVersion: number;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) weaponId: string;
  @ApiProperty({ format: 'uuid' }) fromOwnerId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) toOwnerId: string | null;
  @ApiProperty({ enum: TRANSFER_KINDS }) kind: TransferKind;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ nullable: true, type: String }) documentRef: string | null;
  @ApiProperty({ nullable: true, type: String }) destinationCountry: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
