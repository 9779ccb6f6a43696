import type { CorrectionDto } from './correction.dto';
import type { CorrectionEntity } from './correction.entity';
import type { WeaponEventDto } from './weapon-event.dto';
import type { WeaponEventEntity } from './weapon-event.entity';
import type { WeaponDto } from './weapon.dto';
import type { WeaponEntity } from './weapon.entity';

export function toWeaponDto(weapon: WeaponEntity): WeaponDto {
  return {
    id: weapon.id,
    registryNumber: weapon.registryNumber,
    make: weapon.make,
    model: weapon.model,
    type: weapon.type,
    calibre: weapon.calibre,
    serialNumber: weapon.serialNumber,
    serialNormalized: weapon.serialNormalized,
    serialStatus: weapon.serialStatus,
    countryOfManufacture: weapon.countryOfManufacture,
    yearOfManufacture: weapon.yearOfManufacture,
    importMarking: weapon.importMarking,
    otherMarkings: weapon.otherMarkings,
    ballistics: weapon.ballistics,
    acquisition: { ...weapon.acquisition, documentRef: weapon.acquisition.documentRef ?? undefined },
    status: weapon.status,
    holderId: weapon.holderId,
    origin: weapon.origin,
    district: weapon.district,
    unverifiedMake: weapon.unverifiedMake,
    unverifiedCalibre: weapon.unverifiedCalibre,
    version: weapon.version,
    registeredAt: weapon.registeredAt.toISOString(),
    updatedAt: weapon.updatedAt.toISOString(),
  };
}

export function toWeaponEventDto(event: WeaponEventEntity): WeaponEventDto {
  return {
    id: event.id,
    weaponId: event.weaponId,
    kind: event.kind,
    occurredAt: event.occurredAt.toISOString(),
    place: event.place,
    reference: event.reference,
    notes: event.notes,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    details: event.details,
    recordedBy: event.recordedBy,
    recordedAt: event.recordedAt.toISOString(),
  };
}

export function toCorrectionDto(correction: CorrectionEntity): CorrectionDto {
  return {
    id: correction.id,
    weaponId: correction.weaponId,
    status: correction.status,
    changes: correction.changes,
    previous: correction.previous,
    reason: correction.reason,
    proposedBy: correction.proposedBy,
    proposedAt: correction.proposedAt.toISOString(),
    decidedBy: correction.decidedBy,
    decidedAt: correction.decidedAt?.toISOString() ?? null,
    decisionReason: correction.decisionReason,
  };
}
