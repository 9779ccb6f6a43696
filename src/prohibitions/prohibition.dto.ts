import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsNotBefore, Tidy } from '../owners/owners.validators';
import { PROHIBITION_STATUSES, type ProhibitionStatus } from './prohibition.entity';

export class IssueProhibitionDto {
  @ApiProperty({ example: 'Juzgado Primero de Familia de San Miguelito', maxLength: 200 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  court: string;

  @ApiProperty({ example: 'MP-2026-004512', maxLength: 100, description: 'The court’s reference of the order' })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  orderRef: string;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The day the order takes effect' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-05-20', description: 'The order’s last day as the court wrote it; not before `from`' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  until?: string;

  @ApiProperty({ example: 'Medida de protección por violencia doméstica', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class LiftProhibitionDto {
  @ApiProperty({ example: 'Orden revocada por el juzgado, resolución 2027-88', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ProhibitionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() court: string;
  @ApiProperty() orderRef: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) until: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: PROHIBITION_STATUSES, enumName: 'ProhibitionStatus' }) status: ProhibitionStatus;
  @ApiProperty({ format: 'uuid' }) orderedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liftedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) liftedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) liftReason: string | null;
  @ApiProperty() version: number;
}

/** The answer to POST /owners/:id/prohibitions and POST /prohibitions/:id/lift: the order and what it changed. */
export class ProhibitionOutcomeDto extends ProhibitionDto {
  @ApiProperty({ type: [String], description: 'Licences suspended (on issue) or reinstated (on lift) by this request' })
  licenceIds: string[];
  @ApiProperty({ type: [String], description: 'SURRENDER_REQUIRED alerts raised (on issue) or acknowledged (on lift) by this request' })
  alertIds: string[];
}
