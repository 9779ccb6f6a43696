import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ValidationFailedError } from '../common/domain-error';
import { CatalogueService } from '../reference/catalogue.service';
import { canonicalKey } from '../reference/canonical-key';
import { UnknownWeaponTypeError } from './registry.errors';
import { foldedSerialError, normaliseSerial } from './serial';
import { MISSING_STATUSES, type WeaponStatus } from './weapon-status';

export interface IdentityInput {
  make: string;
  type: string;
  calibre: string;
}

export interface CanonicalIdentity {
  make: string;
  makeKey: string;
  unverifiedMake: boolean;
  type: string;
  calibre: string;
  unverifiedCalibre: boolean;
}

export interface MarkingOwner {
  id: string;
  status: WeaponStatus;
}

/** Canonical identity of a weapon and the uniqueness of its marking (canonical make + normalised serial). */
@Injectable()
export class MarkingsService {
  constructor(private readonly catalogue: CatalogueService) {}

  canonicalise(input: IdentityInput, fieldPrefix = ''): CanonicalIdentity {
    const make = this.catalogue.canonicalMake(input.make);
    const calibre = this.catalogue.canonicalCalibre(input.calibre);
    const type = this.catalogue.weaponType(input.type);
    if (!type) throw new UnknownWeaponTypeError(`${fieldPrefix}type`, input.type);
    return {
      make: make.value,
      makeKey: canonicalKey(make.value),
      unverifiedMake: !make.verified,
      type,
      calibre: calibre.value,
      unverifiedCalibre: !calibre.verified,
    };
  }

  /** The serial folded as markings are compared (serial.ts); refused unless it folds to letters and digits alone. */
  normaliseSerial(serial: string, field = 'serialNumber'): string {
    const normalised = normaliseSerial(serial);
    const error = foldedSerialError(normalised, field);
    if (error) throw new ValidationFailedError([error]);
    return normalised;
  }

  /**
   * The weapon already bearing this marking, if any (excluding `exceptId`); one reported lost
   * or stolen first, since weapons that came to share a marking when its folding changed
   * (`marking_duplicate` > 0) are all still registered.
   */
  async findMarking(
    manager: EntityManager,
    makeKey: string,
    serialNormalized: string,
    exceptId?: string,
  ): Promise<MarkingOwner | null> {
    const rows = (await manager.query(
      `SELECT id, status FROM weapons WHERE make_key = $1 AND serial_normalized = $2 AND id IS DISTINCT FROM $3
        ORDER BY status = ANY($4::text[]) DESC, marking_duplicate LIMIT 1`,
      [makeKey, serialNormalized, exceptId ?? null, MISSING_STATUSES],
    )) as MarkingOwner[];
    return rows[0] ?? null;
  }

  isReportedMissing(owner: MarkingOwner): boolean {
    return MISSING_STATUSES.includes(owner.status);
  }
}
