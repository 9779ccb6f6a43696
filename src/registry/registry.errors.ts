import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class DuplicateMarkingError extends DomainError {
  constructor(existingId: string) {
    super(ErrorCode.DuplicateMarking, `A weapon with this make and serial is already registered: ${existingId}`);
  }
}

export class MarkingReportedStolenError extends DomainError {
  constructor(existingId: string, status: string) {
    super(ErrorCode.MarkingReportedStolen, `This marking belongs to weapon ${existingId}, reported ${status}.`);
  }
}

export class OwnerInactiveError extends DomainError {
  constructor(ownerId: string, status: string) {
    super(ErrorCode.OwnerInactive, `Owner ${ownerId} is ${status}.`);
  }
}

export class HolderNotLicensedError extends DomainError {
  constructor(type: string, day: string) {
    super(ErrorCode.HolderNotLicensed, `The holder has no licence in force on ${day} covering ${type}.`);
  }
}

export class InvalidStatusTransitionError extends DomainError {
  constructor(event: string, status: string) {
    super(ErrorCode.InvalidStatusTransition, `A ${event} event is not possible while the weapon is ${status}.`);
  }
}

export class UnknownWeaponTypeError extends ValidationFailedError {
  constructor(field: string, value: string) {
    super([{ field, message: `unknown weapon type ${JSON.stringify(value)} (see the reference weapon types)` }]);
  }
}

/** SQLSTATE 23505 on the marking constraint: the race twin of the duplicate pre-check. */
export function isMarkingConflict(error: unknown): boolean {
  const wrapped = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = wrapped.driverError ?? wrapped;
  return source.code === '23505' && source.constraint === 'uq_weapons_marking';
}
