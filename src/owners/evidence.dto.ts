import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EVIDENCE_KINDS, type EvidenceKind } from './evidence.entity';
import { IsCalendarDate, IsNotBefore, Tidy } from './owners.validators';

export class RecordEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' })
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  issuedAt: string;

  @ApiProperty({ format: 'date', example: '2027-02-28', description: 'The last day the document is in force' })
  @IsCalendarDate()
  @IsNotBefore('issuedAt')
  validUntil: string;

  @ApiProperty({ example: 'CSS-PSI-2026-00418', maxLength: 200, description: 'The issuing body’s reference of the document' })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' }) kind: EvidenceKind;
  @ApiProperty({ format: 'date' }) issuedAt: string;
  @ApiProperty({ format: 'date' }) validUntil: string;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'In force today (Panama time): issuedAt <= today <= validUntil' }) inForce: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
