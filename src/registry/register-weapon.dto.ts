import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DAY_FORMAT } from '../common/dates';

export const SERIAL_STATUSES = ['marked', 'obliterated', 'unmarked'] as const;
const COUNTRY = /^[A-Z]{2}$/;
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const ACQUISITION_KINDS = ['domestic_purchase', 'import', 'inheritance', 'manufacture', 'legacy_record'] as const;

export class ImportMarkingDto {
  @ApiPropertyOptional({ example: 'PA', description: 'ISO 3166-1 alpha-2 of the importing country' })
  @IsOptional()
  @Matches(COUNTRY)
  country?: string;

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @IsInt()
  @Min(1800)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Reference of the exemption from import marking' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  exemptionRef?: string;
}

export class BallisticsDto {
  @ApiProperty({ example: '2026-01-15', format: 'date' })
  @Matches(DAY_FORMAT)
  testedAt: string;

  @ApiProperty({ example: 'Laboratorio de Balística, IMELCF' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  laboratory: string;

  @ApiProperty({ example: 'BAL-2026-00042' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference: string;
}

export class AcquisitionDto {
  @ApiProperty({ enum: ACQUISITION_KINDS, description: 'On a weapon the State recovered without a prior record it reads `recovery`' })
  @IsIn(ACQUISITION_KINDS)
  kind: (typeof ACQUISITION_KINDS)[number] | 'recovery';

  @ApiProperty({ example: '2026-03-01', format: 'date' })
  @Matches(DAY_FORMAT)
  date: string;

  @ApiPropertyOptional({ example: 'FAC-000123' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentRef?: string;
}

export class RegisterWeaponDto {
  @ApiProperty({ example: 'S&W', description: 'Canonicalised through the makes catalogue; unknown makes are kept and flagged' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  make: string;

  @ApiProperty({ example: 'M&P9 Shield' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  model: string;

  @ApiProperty({ example: 'pistol', description: 'A weapon type code or alias (GET /reference/weapon-types)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type: string;

  @ApiProperty({ example: '9mm' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  calibre: string;

  @ApiPropertyOptional({
    example: 'AB-123 45',
    description:
      'Required unless serialStatus is obliterated or unmarked. Stored as written, compared folded (serialNormalized): refused when, folded, it holds anything but A-Z and 0-9',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber?: string;

  @ApiPropertyOptional({ enum: SERIAL_STATUSES, default: 'marked' })
  @IsOptional()
  @IsIn(SERIAL_STATUSES)
  serialStatus?: (typeof SERIAL_STATUSES)[number];

  @ApiProperty({ example: 'US' })
  @Matches(COUNTRY)
  countryOfManufacture: string;

  @ApiPropertyOptional({ example: 2021 })
  @IsOptional()
  @IsInt()
  @Min(1800)
  @Max(2100)
  yearOfManufacture?: number;

  @ApiPropertyOptional({ type: ImportMarkingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportMarkingDto)
  importMarking?: ImportMarkingDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  otherMarkings?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ type: AcquisitionDto })
  @ValidateNested()
  @Type(() => AcquisitionDto)
  acquisition: AcquisitionDto;

  @ApiPropertyOptional({ type: BallisticsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BallisticsDto)
  ballistics?: BallisticsDto;
}

/** Descriptive fields only: the identifying ones change through an approved correction. */
export class UpdateWeaponDto extends PartialType(
  PickType(RegisterWeaponDto, ['model', 'otherMarkings', 'yearOfManufacture', 'importMarking', 'ballistics'] as const),
) {
  @ApiProperty({ description: 'Why the record is corrected' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}
