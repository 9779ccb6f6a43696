import { ANY_JSON } from '../../common/openapi';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { EntryInclusionProofDto } from '../tree/audit-tree.dto';
import { AUDIT_ENTITY_TYPES } from './audit-entity-type';

/** An instant with its offset (or a bare date, taken as UTC midnight): never the server's local time. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const ENTITY_TYPE_MESSAGE = `entityType must be one of ${AUDIT_ENTITY_TYPES.join(', ')} (singular snake case)`;

const instantMessage = (field: string): string => `${field} must be an ISO 8601 instant with Z or an offset, or a date`;

export class AuditEventSearchQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: AUDIT_ENTITY_TYPES,
    example: 'owner',
    description: 'What kind of record the entry is about (singular snake case)',
  })
  @IsOptional()
  @IsIn(AUDIT_ENTITY_TYPES, { message: ENTITY_TYPE_MESSAGE })
  entityType?: string;

  @ApiPropertyOptional({ description: 'The record the entry is about; needs entityType' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who acted' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ example: 'owner.status_changed' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]{0,99}$/)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries that occurred at or after this instant' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: instantMessage('from') })
  @IsISO8601({ strict: true }, { message: instantMessage('from') })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries that occurred before this instant (excluded)' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: instantMessage('to') })
  @IsISO8601({ strict: true }, { message: instantMessage('to') })
  to?: string;
}

export class AuditActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for command-line steps and queue jobs' })
  id: string | null;

  @ApiProperty({ example: 'mrodriguez', description: 'As it was when the entry was written' })
  username: string;
}

export class AuditEventDto {
  @ApiProperty({ example: 1024 }) seq: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'owner.updated' }) action: string;
  @ApiProperty({ example: 'owner' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'The record before the change (any JSON value)' }) before: unknown;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'The record after the change (any JSON value)' }) after: unknown;
  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request that made the change' }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Client address of that request; part of the hashed entry' }) clientIp: string | null;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) prevHash: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256(prevHash ‖ canonical JSON of the entry), hex' }) hash: string;
}

export class FieldAddedDto {
  @ApiProperty({ example: '/address/floor', description: 'JSON Pointer (RFC 6901) of the field' }) path: string;
  @ApiProperty({ ...ANY_JSON, description: 'Any JSON value' }) value: unknown;
}

export class FieldRemovedDto {
  @ApiProperty({ example: '/phone', description: 'JSON Pointer (RFC 6901) of the field' }) path: string;
  @ApiProperty({ ...ANY_JSON, description: 'Any JSON value' }) value: unknown;
}

export class FieldChangedDto {
  @ApiProperty({ example: '/status', description: 'JSON Pointer (RFC 6901) of the field' }) path: string;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'Value before the change' }) old: unknown;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'Value after the change' }) new: unknown;
}

export class AuditDiffDto {
  @ApiProperty({ type: [FieldAddedDto] }) added: FieldAddedDto[];
  @ApiProperty({ type: [FieldRemovedDto] }) removed: FieldRemovedDto[];
  @ApiProperty({ type: [FieldChangedDto] }) changed: FieldChangedDto[];
}

export class AuditHistoryEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: AuditActorDto }) actor: AuditActorDto;
  @ApiProperty({ example: 'owner.status_changed' }) action: string;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) hash: string;
  @ApiProperty({
    type: AuditDiffDto,
    description: "Field-level difference between the entry's before and after; a creation lists every field as added",
  })
  diff: AuditDiffDto;

  @ApiPropertyOptional({
    type: EntryInclusionProofDto,
    nullable: true,
    description: 'With ?proof=true: the inclusion proof against the latest signed checkpoint; null for an entry after it',
  })
  proof?: EntryInclusionProofDto | null;
}

export class AuditHistoryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Give each change its inclusion proof against the latest signed checkpoint' })
  @IsOptional()
  @IsIn(['true', 'false'])
  proof?: 'true' | 'false';
}

export class AuditEntityParams {
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES, example: 'owner', description: 'What kind of record (singular snake case)' })
  @IsIn(AUDIT_ENTITY_TYPES, { message: ENTITY_TYPE_MESSAGE })
  entityType: string;

  @ApiProperty({ example: '6f1c3c86-5a5c-4c1e-9a57-2d4bb4f3a001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  entityId: string;
}
