import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
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
import { ImportMarkingDto, SERIAL_STATUSES } from '../registry/register-weapon.dto';
import { RECOVERY_KINDS, RecoveryKind } from './recovery-kinds';
import { DAY_FORMAT } from '../common/dates';
import { DISTRICT_CODE } from '../owners/owners.validators';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
export const MAX_RECOVERY_ITEMS = 500;

export class RecoveryItemInputDto {
  @ApiPropertyOptional({ example: 'Glock', description: 'Absent when it cannot be read' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  make?: string;

  @ApiPropertyOptional({ example: '17' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  model?: string;

  @ApiProperty({ example: 'pistol', description: 'From GET /reference/weapon-types' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  type: string;

  @ApiPropertyOptional({ example: '9mm' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  calibre?: string;

  @ApiPropertyOptional({
    example: 'BXK-4471',
    description: 'Required when marked; for an obliterated weapon, the legible part if any (used for its trace request)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serialNumber?: string;

  @ApiProperty({ enum: SERIAL_STATUSES })
  @IsIn(SERIAL_STATUSES)
  serialStatus: (typeof SERIAL_STATUSES)[number];

  @ApiPropertyOptional({ example: 'AT' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  countryOfManufacture?: string;

  @ApiPropertyOptional({ type: ImportMarkingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImportMarkingDto)
  importMarking?: ImportMarkingDto;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

export class AmmunitionDto {
  @ApiProperty({ example: '9mm' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  calibre: string;

  @ApiProperty({ example: 120, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  rounds: number;
}

export class CreateRecoveryDto {
  @ApiProperty({ enum: RECOVERY_KINDS })
  @IsIn(RECOVERY_KINDS)
  kind: RecoveryKind;

  @ApiProperty({ format: 'date', example: '2026-11-20' })
  @Matches(DAY_FORMAT)
  date: string;

  @ApiProperty({ example: '8-05', description: 'District code where the weapons were recovered' })
  @Matches(DISTRICT_CODE)
  district: string;

  @ApiProperty({ example: 'Policía Nacional, Zona de San Miguelito' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency: string;

  @ApiPropertyOptional({ example: 'DIJ-2026-004411' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  caseNumber?: string;

  @ApiPropertyOptional({ example: 'Parque de Los Andes' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional({ example: 'Decreto Ejecutivo 12 de 2025 (campaña de canje)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'Only for `amnesty`: nothing about who handed the weapons in is stored' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The owner who handed the weapons in; never with `anonymous`' })
  @IsOptional()
  @IsUUID()
  surrenderedBy?: string;

  @ApiProperty({ type: [RecoveryItemInputDto], minItems: 1, maxItems: MAX_RECOVERY_ITEMS })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECOVERY_ITEMS, { message: `items must hold at most ${MAX_RECOVERY_ITEMS} weapons` })
  @ValidateNested({ each: true })
  @Type(() => RecoveryItemInputDto)
  items: RecoveryItemInputDto[];

  @ApiPropertyOptional({ type: [AmmunitionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AmmunitionDto)
  ammunition?: AmmunitionDto[];

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  magazines?: number;
}

export class RecoveryItemDto {
  @ApiProperty({ description: 'Position in the request, from 0' }) index: number;
  @ApiProperty({ format: 'uuid' }) weaponId: string;
  @ApiProperty({ enum: ['registered', 'unregistered'] }) matched: 'registered' | 'unregistered';
  @ApiProperty({ format: 'uuid' }) traceRequestId: string;
}

export class AmmunitionViewDto {
  @ApiProperty() calibre: string;
  @ApiProperty() rounds: number;
}

export class RecoveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECOVERY_KINDS }) kind: RecoveryKind;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() district: string;
  @ApiProperty() agency: string;
  @ApiProperty({ nullable: true, type: String }) caseNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) legalBasis: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) surrenderedBy: string | null;
  @ApiProperty({ type: [RecoveryItemDto] }) items: RecoveryItemDto[];
  @ApiProperty({ type: [AmmunitionViewDto] }) ammunition: AmmunitionViewDto[];
  @ApiProperty({ nullable: true, type: Number }) magazines: number | null;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class RecoveryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Recoveries dated on or after' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Recoveries dated on or before' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  to?: string;

  @ApiPropertyOptional({ enum: RECOVERY_KINDS })
  @IsOptional()
  @IsIn(RECOVERY_KINDS)
  kind?: RecoveryKind;

  @ApiPropertyOptional({ example: '8-05' })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseNumber?: string;
}
