import { todayInPanama } from './calendar';
import { type LicenceDto } from './licence.dto';
import { type LicenceEntity } from './licence.entity';
import { licenceStatusOn } from './licence-in-force';

export function toLicenceDto(licence: LicenceEntity, today: string = todayInPanama()): LicenceDto {
  return {
    id: licence.id,
    ownerId: licence.ownerId,
    kind: licence.kind,
    number: licence.number,
    issuedAt: licence.issuedAt,
    expiresAt: licence.expiresAt,
    weaponTypes: [...licence.weaponTypes],
    status: licenceStatusOn(licence, today),
    revokedAt: licence.revokedAt ? licence.revokedAt.toISOString() : null,
    revokedReason: licence.revokedReason,
    suspendedAt: licence.suspendedAt ? licence.suspendedAt.toISOString() : null,
    suspendedReason: licence.suspendedReason,
    suspendedUntil: licence.suspendedUntil,
    suspendedByProhibition: licence.suspendedByProhibition,
    version: licence.version,
  };
}
