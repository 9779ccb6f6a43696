import type { CertificateDto } from './holding-certificate.dto';
import { effectiveStatus, type HoldingCertificateRow } from './holding-certificate.types';

export function toCertificateDto(row: HoldingCertificateRow, at: Date = new Date()): CertificateDto {
  return {
    id: row.id,
    number: row.number,
    weaponId: row.weaponId,
    holderId: row.holderId,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    status: effectiveStatus(row, at),
    supersededBy: row.supersededBy,
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    endedReason: row.endedReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
