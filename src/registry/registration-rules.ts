import { type Message, msg } from '../i18n/message';
import { isCalendarDay } from '../common/dates';
import type { FieldError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

/** The fields of a registration the shape rules read (a RegisterWeaponDto, or a row of an import). */
export interface RegistrationShape {
  serialNumber?: string;
  serialStatus?: string;
  importMarking?: { country?: string; year?: number; exemptionRef?: string };
  acquisition: { kind: string; date: string };
}

/**
 * The rules of a registration that no decorator states: a serial unless it is obliterated or
 * absent, the import marking of an import, and an acquisition day that is real and not after
 * `today` (Panama's day). One definition for POST /weapons and the rows of an import.
 */
export function registrationShapeErrors(input: RegistrationShape, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const serialStatus = input.serialStatus ?? 'marked';
  if (serialStatus === 'marked' && !input.serialNumber) {
    errors.push({ field: 'serialNumber', message: msg('field.serialRequired', 'serialNumber') });
  }
  if (input.acquisition.kind === 'import') {
    const marking = input.importMarking;
    if (!marking || (!marking.exemptionRef && !(marking.country && marking.year))) {
      errors.push({
        field: 'importMarking',
        message: msg('field.importMarkingRequired'),
      });
    }
  }
  if (!isCalendarDay(input.acquisition.date)) {
    errors.push({ field: 'acquisition.date', message: msg('field.notCalendarDay', 'acquisition.date') });
  } else if (input.acquisition.date > today) {
    errors.push({ field: 'acquisition.date', message: msg('field.inFuture', 'acquisition.date') });
  }
  return errors;
}

/** Whether the acquisition needs a licence in force on its day: every kind but a legacy record. */
export function needsLicence(acquisitionKind: string): boolean {
  return acquisitionKind !== 'legacy_record';
}

export interface HolderRefusal {
  code: ErrorCode.OwnerInactive | ErrorCode.HolderNotLicensed;
  message: Message;
}

/**
 * Why a holder cannot receive the weapon, or null: an inactive holder first, then a missing
 * licence in force on the acquisition day covering the type (`licensed` is that answer).
 */
export function holderRefusal(
  holder: { id: string; status: string },
  weapon: { type: string; acquisitionKind: string; acquisitionDate: string },
  licensed: boolean,
): HolderRefusal | null {
  if (holder.status !== 'active') return { code: ErrorCode.OwnerInactive, message: msg('owner.inactive', holder.id, holder.status) };
  if (needsLicence(weapon.acquisitionKind) && !licensed) {
    return {
      code: ErrorCode.HolderNotLicensed,
      message: msg('weapon.holderNotLicensed', weapon.type, weapon.acquisitionDate),
    };
  }
  return null;
}

/** The marking's identity as uniqueness compares it: canonical make key and normalised serial. */
export function markingKey(makeKey: string, serialNormalized: string): string {
  return `${makeKey}\u0000${serialNormalized}`;
}

/** A district is in a jurisdiction when the jurisdiction is national (null) or lists it. */
export function inJurisdiction(jurisdiction: readonly string[] | null, district: string): boolean {
  return jurisdiction === null || jurisdiction.includes(district);
}
