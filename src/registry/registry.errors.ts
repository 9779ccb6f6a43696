import { msg } from '../i18n/message';
import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class DuplicateMarkingError extends DomainError {
  constructor(existingId: string) {
    super(ErrorCode.DuplicateMarking, msg('weapon.duplicateMarking', existingId));
  }
}

export class MarkingReportedStolenError extends DomainError {
  constructor(existingId: string, status: string) {
    super(ErrorCode.MarkingReportedStolen, msg('weapon.markingReportedStolen', existingId, status));
  }
}

export class OwnerInactiveError extends DomainError {
  constructor(ownerId: string, status: string) {
    super(ErrorCode.OwnerInactive, msg('owner.inactive', ownerId, status));
  }
}

export class HolderNotLicensedError extends DomainError {
  constructor(type: string, day: string) {
    super(ErrorCode.HolderNotLicensed, msg('weapon.holderNotLicensed', type, day));
  }
}

export class InvalidStatusTransitionError extends DomainError {
  constructor(event: string, status: string) {
    super(ErrorCode.InvalidStatusTransition, msg('weapon.invalidTransition', event, status));
  }
}

export class UnknownWeaponTypeError extends ValidationFailedError {
  constructor(field: string, value: string) {
    super([{ field, message: msg('field.unknownWeaponType', field, value) }]);
  }
}

/** SQLSTATE 23505 on the marking constraint: the race twin of the duplicate pre-check. */
export function isMarkingConflict(error: unknown): boolean {
  const wrapped = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = wrapped.driverError ?? wrapped;
  return source.code === '23505' && source.constraint === 'uq_weapons_marking';
}
