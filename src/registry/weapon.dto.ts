import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { WeaponStatus } from './weapon-status';
import { DAY_FORMAT } from '../common/dates';

const COUNTRY = /^[A-Z]{2}$/;
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const ACQUISITION_KINDS = ['domestic_purchase', 'import', 'inheritance', 'manufacture', 'legacy_record'] as const;
export const SERIAL_STATUSES = ['marked', 'obliterated', 'unmarked'] as const;

export class ImportMarkingDto {
  @ApiPropertyOptional({ example: 'PA', description: 'ISO 3166-1 alpha-2 of the importing country' })
  @IsOptional()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code in upper case' })
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
  @Matches(DAY_FORMAT, { message: 'testedAt must be a date YYYY-MM-DD' })
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
  @Matches(DAY_FORMAT, { message: 'date must be a date YYYY-MM-DD' })
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
  @Matches(COUNTRY, { message: 'countryOfManufacture must be an ISO 3166-1 alpha-2 code in upper case' })
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

export class WeaponQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Serial number, compared normalised' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  serial?: string;

  @ApiPropertyOptional({ description: 'Make or alias' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  make?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  calibre?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  type?: string;

  @ApiPropertyOptional({ enum: WeaponStatus })
  @IsOptional()
  @IsIn(Object.values(WeaponStatus))
  status?: WeaponStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  holderId?: string;

  @ApiPropertyOptional({ example: '8-05' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  district?: string;
}

export class WeaponDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PA-2026-0000123' }) registryNumber: string;
  @ApiProperty({ example: 'Smith & Wesson' }) make: string;
  @ApiProperty() model: string;
  @ApiProperty({ example: 'pistol' }) type: string;
  @ApiProperty({ example: '9×19mm Parabellum' }) calibre: string;
  @ApiProperty({ example: 'AB-123 45' }) serialNumber: string;
  @ApiProperty({
    example: 'AB12345',
    description:
      'The serial as markings are compared: NFKC, invisible characters and every space, dash, dot and slash removed, look-alike letters and digits of other scripts (UTS #39) mapped to Latin, upper case',
  })
  serialNormalized: string;
  @ApiProperty({ enum: SERIAL_STATUSES }) serialStatus: string;
  @ApiProperty({ example: 'US' }) countryOfManufacture: string;
  @ApiProperty({ nullable: true, type: Number }) yearOfManufacture: number | null;
  @ApiProperty({ type: ImportMarkingDto, nullable: true }) importMarking: ImportMarkingDto | null;
  @ApiProperty({ nullable: true, type: String }) otherMarkings: string | null;
  @ApiProperty({ type: BallisticsDto, nullable: true }) ballistics: BallisticsDto | null;
  @ApiProperty({ type: AcquisitionDto }) acquisition: AcquisitionDto;
  @ApiProperty({ enum: WeaponStatus }) status: WeaponStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a weapon the State recovered that was never registered' })
  holderId: string | null;
  @ApiProperty({ enum: ['registered', 'recovered'] }) origin: 'registered' | 'recovered';
  @ApiProperty({ example: '8-05' }) district: string;
  @ApiProperty() unverifiedMake: boolean;
  @ApiProperty() unverifiedCalibre: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
