import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type LicenceStatus } from './licence-in-force';
import { LICENCE_KINDS, type LicenceKind } from './licence-kinds';
import { IsCalendarDate, IsNotBefore, Tidy } from './owners.validators';
import { WEAPON_TYPE_CODES, type WeaponTypeCode } from './weapon-types';

const LICENCE_STATUSES: readonly LicenceStatus[] = ['valid', 'suspended', 'expired', 'revoked'];

export class IssueLicenceDto {
  @ApiProperty({ enum: LICENCE_KINDS, enumName: 'LicenceKind' })
  @IsIn(LICENCE_KINDS)
  kind: LicenceKind;

  @ApiProperty({ example: 'MINSEG-2026-001234', maxLength: 64, description: 'Unique per kind; stored in upper case' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().toUpperCase() : value,
  )
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9 ./-]{0,63}$/)
  number: string;

  @ApiProperty({ format: 'date', example: '2026-01-15' })
  @IsCalendarDate()
  issuedAt: string;

  @ApiProperty({ format: 'date', example: '2030-01-14', description: 'The last day the licence is in force' })
  @IsCalendarDate()
  @IsNotBefore('issuedAt')
  expiresAt: string;

  @ApiProperty({ enum: WEAPON_TYPE_CODES, enumName: 'WeaponTypeCode', isArray: true, example: ['pistol', 'revolver'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEAPON_TYPE_CODES.length)
  @ArrayUnique()
  @IsIn(WEAPON_TYPE_CODES, { each: true, message: `each weaponTypes entry must be one of ${WEAPON_TYPE_CODES.join(', ')}` })
  weaponTypes: WeaponTypeCode[];
}

export class RevokeLicenceDto {
  @ApiProperty({ example: 'Conviction, case 2026-0042', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class SuspendLicenceDto {
  @ApiProperty({ example: 'Pending investigation, case 2026-0107', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'The last day of the suspension (Panama time); it ends by itself the day after. Absent: until reinstated.',
  })
  @IsOptional()
  @IsCalendarDate()
  until?: string;
}

export class ReinstateLicenceDto {
  @ApiProperty({ example: 'Investigation closed without charges', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class RenewLicenceDto {
  @ApiProperty({ format: 'date', example: '2031-01-14', description: 'The new last day; after the current one and not in the past' })
  @IsCalendarDate()
  expiresAt: string;
}

export class LicenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: LICENCE_KINDS, enumName: 'LicenceKind' }) kind: LicenceKind;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'date' }) issuedAt: string;
  @ApiProperty({ format: 'date' }) expiresAt: string;
  @ApiProperty({ enum: WEAPON_TYPE_CODES, enumName: 'WeaponTypeCode', isArray: true }) weaponTypes: string[];
  @ApiProperty({
    enum: LICENCE_STATUSES,
    enumName: 'LicenceStatus',
    description: 'expired is shown once expiresAt has passed (America/Panama); it is not stored',
  })
  status: LicenceStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) suspendedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) suspendedReason: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day of the suspension; null: until reinstated' })
  suspendedUntil: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The court prohibition that suspended it' })
  suspendedByProhibition: string | null;
  @ApiProperty({ example: 1 }) version: number;
}
