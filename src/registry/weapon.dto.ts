import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { WeaponStatus } from './weapon-status';
import { AcquisitionDto, BallisticsDto, ImportMarkingDto, SERIAL_STATUSES } from './register-weapon.dto';

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
