import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { CERTIFICATE_STATUSES, type CertificateStatus } from './holding-certificate.types';

export class CertificateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CT-2026-0000123', description: 'CT-<issue year>-<national sequence, 7 digits at least>' })
  number: string;

  @ApiProperty({ format: 'uuid' })
  weaponId: string;

  @ApiProperty({ format: 'uuid' })
  holderId: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt: string;

  @ApiProperty({ format: 'date-time', description: 'issuedAt + CERTIFICATE_VALIDITY_YEARS (default 4)' })
  expiresAt: string;

  @ApiProperty({
    enum: CERTIFICATE_STATUSES,
    description: '`expired` is a valid certificate whose expiresAt has passed (computed when read)',
  })
  status: CertificateStatus;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The certificate that replaced this one' })
  supersededBy: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was superseded or revoked' })
  endedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'transferred', description: 'Why it was superseded or revoked' })
  endedReason: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CertifiedWeaponDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PA-2026-0000123' })
  registryNumber: string;

  @ApiProperty({ example: 'Glock' })
  make: string;

  @ApiProperty({ example: '19' })
  model: string;

  @ApiProperty({ example: 'pistol' })
  type: string;

  @ApiProperty({ example: '9×19mm Parabellum' })
  calibre: string;

  @ApiProperty({ example: 'ABC123' })
  serialNumber: string;

  @ApiProperty({ example: 'active' })
  status: string;
}

export class CertifiedHolderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'María Pérez' })
  name: string;
}

/** GET /certificates/:number: the certificate with what a check in the field compares it to. */
export class CertificateCheckDto extends CertificateDto {
  @ApiProperty({ type: CertifiedWeaponDto, description: "The weapon's marking" })
  weapon: CertifiedWeaponDto;

  @ApiProperty({ type: CertifiedHolderDto, description: 'The holder named on the certificate (personal data: the read is audited)' })
  holder: CertifiedHolderDto;
}

export class RenewCertificateDto {
  @ApiProperty({ example: 1, description: 'The certificate’s version as last read' })
  @IsInt()
  @Min(1)
  version: number;
}
