import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { RegisterWeaponDto } from './register-weapon.dto';

/** The identifying fields: they change only through an approved correction. */
export class IdentifyingChangesDto extends PartialType(
  PickType(RegisterWeaponDto, ['make', 'serialNumber', 'type', 'calibre', 'countryOfManufacture'] as const),
) {}

export class ProposeCorrectionDto {
  @ApiProperty({ type: IdentifyingChangesDto })
  @ValidateNested()
  @Type(() => IdentifyingChangesDto)
  changes: IdentifyingChangesDto;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class RejectCorrectionDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class CorrectionQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';
}

export class CorrectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) weaponId: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) changes: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Values before the change' })
  previous: Record<string, string>;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) proposedBy: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
}
