import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ID_DOCUMENT_KINDS, type IdDocumentKind, OWNER_TYPES, type OwnerType } from './id-document';
import { OWNER_STATUSES, type OwnerStatus } from './owner-status';
import {
  DISTRICT_CODE,
  IsCalendarDate,
  IsDocumentNumberOfKind,
  IsPlausibleBirthDate,
  OnlyForPersons,
  Tidy,
  UpperCase,
} from './owners.validators';

const PHONE = /^\+?\d[\d ()-]{5,22}\d$/;
const present = (_: unknown, value: unknown): boolean => value !== undefined;
const presentAndNotNull = (_: unknown, value: unknown): boolean => value !== undefined && value !== null;

export class IdDocumentDto {
  @ApiProperty({
    enum: ID_DOCUMENT_KINDS,
    enumName: 'IdDocumentKind',
    description: 'A person has a cedula or a passport; an organization a ruc',
  })
  @IsIn(ID_DOCUMENT_KINDS)
  kind: IdDocumentKind;

  @ApiProperty({
    example: '8-123-4567',
    maxLength: 40,
    description:
      'Any usual spelling is accepted (spaces, leading zeros, lower case); responses give the canonical form, ' +
      'e.g. cédula 8-123-4567, 8AV-123-456, 1PI-12-345, PE-12-345, E-8-12345, N-19-1234; RUC 155612345-2-2015 DV 45',
  })
  @IsString()
  @MaxLength(40)
  @IsDocumentNumberOfKind()
  number: string;
}

export class AddressDto {
  @ApiProperty({ example: '8-05', description: 'District code from GET /reference/districts' })
  @IsString()
  @Matches(DISTRICT_CODE)
  district: string;

  @ApiProperty({ example: 'Calle 5, Casa 12, Villa Lucre', maxLength: 300 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  line: string;
}

export class CreateOwnerDto {
  @ApiProperty({ enum: OWNER_TYPES, enumName: 'OwnerType' })
  @IsIn(OWNER_TYPES)
  type: OwnerType;

  @ApiProperty({ example: 'José Pérez Ñañez', maxLength: 200 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: () => IdDocumentDto })
  @ValidateNested()
  @Type(() => IdDocumentDto)
  @IsDefined()
  idDocument: IdDocumentDto;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '1985-04-12',
    nullable: true,
    description: 'Required for a person, who must be 18 or older today in Panama; left out for an organization',
  })
  @ValidateIf((owner: CreateOwnerDto, value: unknown) => owner.type === 'person' || (value !== undefined && value !== null))
  @IsDefined()
  @OnlyForPersons()
  @IsCalendarDate()
  @IsPlausibleBirthDate()
  birthDate?: string | null;

  @ApiPropertyOptional({ type: String, example: 'PA', nullable: true, description: 'ISO 3166-1 alpha-2 country code' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2()
  nationality?: string | null;

  @ApiProperty({ type: () => AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  @IsDefined()
  address: AddressDto;

  @ApiPropertyOptional({ type: String, example: '+507 6123-4567', nullable: true })
  @IsOptional()
  @Tidy()
  @Matches(PHONE)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'jose.perez@example.com', nullable: true, maxLength: 254 })
  @IsOptional()
  @Tidy()
  @MaxLength(254)
  @IsEmail()
  email?: string | null;
}

/** The document and the type never change: a different document is a different owner. */
export class UpdateOwnerDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(present)
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Persons only; the owner must still be 18 or older' })
  @ValidateIf(present)
  @IsCalendarDate()
  @IsPlausibleBirthDate()
  birthDate?: string;

  @ApiPropertyOptional({ type: String, example: 'PA', nullable: true, description: 'null clears it' })
  @ValidateIf(presentAndNotNull)
  @UpperCase()
  @IsISO31661Alpha2()
  nationality?: string | null;

  @ApiPropertyOptional({ type: () => AddressDto, description: 'Replaces the whole address' })
  @ValidateIf(present)
  @ValidateNested()
  @Type(() => AddressDto)
  @IsDefined()
  address?: AddressDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @ValidateIf(presentAndNotNull)
  @Tidy()
  @Matches(PHONE)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, description: 'null clears it' })
  @ValidateIf(presentAndNotNull)
  @Tidy()
  @MaxLength(254)
  @IsEmail()
  email?: string | null;

  @ApiProperty({ description: 'The version you read; a stale one gives 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ChangeOwnerStatusDto {
  @ApiProperty({ enum: OWNER_STATUSES, enumName: 'OwnerStatus', description: 'deceased is final' })
  @IsIn(OWNER_STATUSES)
  status: OwnerStatus;

  @ApiProperty({ example: 'Court order 123-2026', maxLength: 500 })
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ description: 'The version you read; a stale one gives 409 STALE_VERSION' })
  @IsInt()
  @Min(1)
  version: number;
}

export class OwnerSearchQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '8-123-4567',
    description: 'Document number in any usual spelling; matches the normalised number exactly',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ enum: ID_DOCUMENT_KINDS, enumName: 'IdDocumentKind', description: 'Narrows idNumber to one kind' })
  @IsOptional()
  @IsIn(ID_DOCUMENT_KINDS)
  idKind?: IdDocumentKind;

  @ApiPropertyOptional({ example: 'jose', description: 'Part of the name, ignoring case and accents' })
  @IsOptional()
  @Tidy()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '8-05' })
  @IsOptional()
  @Matches(DISTRICT_CODE)
  district?: string;
}

export class OwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OWNER_TYPES, enumName: 'OwnerType' }) type: OwnerType;
  @ApiProperty() name: string;
  @ApiProperty({ type: () => IdDocumentDto, description: 'number in canonical form' }) idDocument: IdDocumentDto;
  @ApiProperty({ format: 'date', type: String, nullable: true }) birthDate: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'PA' }) nationality: string | null;
  @ApiProperty({ type: () => AddressDto }) address: AddressDto;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ enum: OWNER_STATUSES, enumName: 'OwnerStatus' }) status: OwnerStatus;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
