import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ALERT_SOURCES, ALERT_STATUSES, type AlertSource, type AlertStatus } from './alert.entity';

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: '`open` for the alerts still to be dealt with' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ enum: ALERT_SOURCES })
  @IsOptional()
  @IsIn(ALERT_SOURCES)
  source?: AlertSource;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  weaponId?: string;
}

export class AlertWeaponDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PA-2026-0000123' }) registryNumber: string;
  @ApiProperty({ example: 'Glock' }) make: string;
  @ApiProperty({ example: '19 Gen5' }) model: string;
  @ApiProperty({ example: 'B0O1-7S' }) serialNumber: string;
  @ApiProperty({ example: 'stolen', description: 'The weapon’s status when the alert was raised' }) status: string;
}

export class AlertActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty() username: string;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ALERT_SOURCES,
    description:
      'What triggered it: a registration attempt on the marking, a trace search, a trace request that matched the weapon, or a court prohibition of its holder (surrender_required: SURRENDER_REQUIRED, the weapon must be handed in)',
  })
  source: AlertSource;
  @ApiProperty({ enum: ALERT_STATUSES }) status: AlertStatus;
  @ApiProperty({ type: AlertWeaponDto }) weapon: AlertWeaponDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The attempt (make, serial, owner), the search (serial, match) or the trace request (case number, match)',
  })
  details: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) traceRequestId: string | null;
  @ApiProperty({ type: AlertActorDto, description: 'Whose action raised it' }) raisedBy: AlertActorDto;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'X-Request-Id of the triggering request' }) requestId: string | null;
  @ApiProperty({ type: AlertActorDto, nullable: true }) acknowledgedBy: AlertActorDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty() version: number;
}
