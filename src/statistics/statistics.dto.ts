import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { DAY_FORMAT } from '../common/dates';
import { DISTRICT_CODE } from '../owners/owners.validators';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export const REGISTRY_GROUPS = ['district', 'province', 'type', 'status', 'licenceKind'] as const;
export type RegistryGroup = (typeof REGISTRY_GROUPS)[number];
export const RECOVERY_GROUPS = ['month', 'district', 'type', 'kind', 'calibre'] as const;
export type RecoveryGroup = (typeof RECOVERY_GROUPS)[number];

export class PublishableQuery {
  @ApiPropertyOptional({ description: 'Replace every count from 1 to 4 by null and mark its cell `suppressed: true`' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  publishable?: boolean;
}

export class PeriodQuery extends PublishableQuery {
  @ApiProperty({ format: 'date', description: 'First day of the period' })
  @Matches(DAY_FORMAT)
  from: string;

  @ApiProperty({ format: 'date', description: 'Last day of the period' })
  @Matches(DAY_FORMAT)
  to: string;
}

export class SdgQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: '8-05' })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;
}

export class RegistryStatisticsQuery extends PublishableQuery {
  @ApiPropertyOptional({ format: 'date', description: 'As of the end of this day (Panama); default today' })
  @IsOptional()
  @Matches(DAY_FORMAT)
  at?: string;

  @ApiPropertyOptional({ enum: REGISTRY_GROUPS, default: 'district' })
  @IsOptional()
  @IsIn(REGISTRY_GROUPS)
  groupBy?: RegistryGroup;
}

export class RecoveryStatisticsQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: RECOVERY_GROUPS, default: 'month' })
  @IsOptional()
  @IsIn(RECOVERY_GROUPS)
  groupBy?: RecoveryGroup;
}

/** What every answer carries: the state of the record it was computed from. */
export class StampedDto {
  @ApiProperty({ description: 'Audit chain head (seq) the figures were computed at' }) auditHeadSeq: number;
  @ApiProperty() auditHeadHash: string;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
}

export class SdgByKindDto {
  @ApiProperty({ nullable: true, type: Number }) seized: number | null;
  @ApiProperty({ nullable: true, type: Number }) found: number | null;
  @ApiProperty({ nullable: true, type: Number }) surrendered: number | null;
  @ApiProperty({ nullable: true, type: Number }) amnesty: number | null;
  @ApiPropertyOptional() suppressed?: true;
}

export class SdgDistrictDto {
  @ApiProperty() district: string;
  @ApiProperty({ nullable: true, type: Number }) seizedFoundSurrendered: number | null;
  @ApiProperty({ nullable: true, type: Number }) originEstablished: number | null;
  @ApiPropertyOptional() suppressed?: true;
}

export class SdgIndicatorDto extends StampedDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ nullable: true, type: String }) district: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Denominator: recovery items dated in the period' })
  seizedFoundSurrendered: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Numerator: those whose trace request carries illicitOrigin.established = true' })
  originEstablished: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'originEstablished / seizedFoundSurrendered; null when either is hidden or nothing was recovered' })
  proportion: number | null;
  @ApiPropertyOptional() suppressed?: true;
  @ApiProperty({ type: SdgByKindDto }) byKind: SdgByKindDto;
  @ApiProperty({ type: [SdgDistrictDto] }) byDistrict: SdgDistrictDto[];
}

export class RegistryGroupDto {
  @ApiProperty({ description: 'The group: a district or province code, a type, a status or a licence kind' }) key: string;
  @ApiProperty({ nullable: true, type: String, description: 'Its name for display, where it has one' }) name: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Weapons on record (not destroyed, deactivated or exported; every status when grouped by status)' })
  weapons: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Owners with a licence in force that day (null where the grouping does not apply)' })
  licensedHolders: number | null;
  @ApiPropertyOptional() suppressed?: true;
}

export class RegistryStatisticsDto extends StampedDto {
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty({ enum: REGISTRY_GROUPS }) groupBy: RegistryGroup;
  @ApiProperty({ type: [RegistryGroupDto] }) groups: RegistryGroupDto[];
  @ApiProperty({ type: RegistryGroupDto, description: 'All groups together (key `total`)' }) totals: RegistryGroupDto;
}

export class RecoveryGroupDto {
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: Number }) items: number | null;
  @ApiPropertyOptional() suppressed?: true;
}

export class AmmunitionTotalDto {
  @ApiProperty() calibre: string;
  @ApiProperty({ nullable: true, type: Number }) rounds: number | null;
  @ApiPropertyOptional() suppressed?: true;
}

export class RecoveryStatisticsDto extends StampedDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: RECOVERY_GROUPS }) groupBy: RecoveryGroup;
  @ApiProperty({ type: [RecoveryGroupDto] }) groups: RecoveryGroupDto[];
  @ApiProperty({ nullable: true, type: Number }) totalItems: number | null;
  @ApiProperty({ type: [AmmunitionTotalDto] }) ammunition: AmmunitionTotalDto[];
}
