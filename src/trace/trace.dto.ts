import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { WeaponEventDto } from '../registry/weapon-event.dto';
import { WeaponDto } from '../registry/weapon.dto';
import { TRACE_FLAGS, type TraceFlag } from './custody';
import { MATCH_KINDS, type MatchKind } from './serial-match';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class TraceSearchQuery {
  @ApiProperty({
    example: 'B0O1-7S',
    description:
      'The serial as read from the weapon, or a fragment of it: at least 4 letters or digits once spaces, dashes, dots and slashes are removed',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serial: string;

  @ApiPropertyOptional({ description: 'Make or alias; narrows the search' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  make?: string;

  @ApiPropertyOptional({ description: 'Calibre or alias; narrows the search' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  calibre?: string;

  @ApiPropertyOptional({ description: 'Weapon type code or alias; narrows the search' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  type?: string;
}

export class TraceMatchDto {
  @ApiProperty({ type: WeaponDto }) weapon: WeaponDto;
  @ApiProperty({
    enum: MATCH_KINDS,
    description:
      '`exact`: the serial as written; `normalized`: equal once case, spaces, dashes, dots and slashes are ignored; ' +
      '`confusable`: equal once look-alikes are equated (O/0/Q/D, I/1/L, S/5, B/8, Z/2, G/6); `partial`: the fragment appears in the serial',
  })
  match: MatchKind;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.88, description: 'Higher is better; results come best first' }) score: number;
}

export class TraceSearchResultDto {
  @ApiProperty({ type: [TraceMatchDto], description: 'Best first, at most 50' }) items: TraceMatchDto[];
}

export class IdDocumentViewDto {
  @ApiProperty({ example: 'cedula' }) kind: string;
  @ApiProperty({ example: '8-123-4567' }) number: string;
}

export class CustodyOwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'José Pérez' }) name: string;
  @ApiProperty({ type: IdDocumentViewDto }) idDocument: IdDocumentViewDto;
  @ApiProperty({ example: '8-05' }) district: string;
}

export class CustodyViaDto {
  @ApiProperty({
    example: 'sale',
    description: '`registration` for the first holder, else the kind of the transfer that began the period',
  })
  kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) transferId: string | null;
}

export class CustodyPeriodDto {
  @ApiProperty({ type: CustodyOwnerDto }) owner: CustodyOwnerDto;
  @ApiProperty({ format: 'date', example: '2026-03-01' }) from: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Null while the period lasts' }) to: string | null;
  @ApiProperty({ type: CustodyViaDto }) via: CustodyViaDto;
}

export class TraceHolderDto extends CustodyOwnerDto {
  @ApiProperty({ enum: ['person', 'organization'] }) type: string;
  @ApiProperty({ example: 'active' }) status: string;
}

export class TraceRecordDto {
  @ApiProperty({ type: WeaponDto }) weapon: WeaponDto;
  @ApiProperty({ example: 'stolen' }) status: string;
  @ApiProperty({ type: TraceHolderDto, nullable: true, description: 'Null once the weapon is exported' }) holder: TraceHolderDto | null;
  @ApiProperty({ type: [CustodyPeriodDto], description: 'From first registration to now' }) custody: CustodyPeriodDto[];
  @ApiProperty({ type: [WeaponEventDto], description: 'In the order they happened' }) events: WeaponEventDto[];
  @ApiProperty({ enum: TRACE_FLAGS, isArray: true }) flags: TraceFlag[];
}
