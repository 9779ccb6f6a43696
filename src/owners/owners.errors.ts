import { type Message, msg } from '../i18n/message';
import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class DuplicateOwnerError extends DomainError {
  /** The document number stays out of the message: problem bodies may end up in client logs. */
  constructor(existingId: string) {
    super(ErrorCode.DuplicateOwner, msg('owner.duplicate', existingId), {
      extensions: { existingId },
    });
  }
}

export class OwnerUnderAgeError extends DomainError {
  constructor(birthDate: string, day: string, adultAge: number) {
    super(ErrorCode.OwnerUnderAge, msg('owner.underAge', birthDate, day, adultAge), {
      errors: [{ field: 'birthDate', message: msg('field.underAge', 'birthDate', adultAge) }],
    });
  }
}

export class OwnerInactiveError extends DomainError {
  constructor(ownerId: string, status: string) {
    super(ErrorCode.OwnerInactive, msg('owner.inactiveForLicence', ownerId, status));
  }
}

export class OwnerStatusTransitionError extends DomainError {
  constructor(reason: Message) {
    super(ErrorCode.InvalidStatusTransition, reason);
  }
}

export class DuplicateLicenceError extends DomainError {
  constructor(kind: string, number: string) {
    super(ErrorCode.DuplicateLicence, msg('licence.duplicate', kind, number));
  }
}

export class LicenceAlreadyRevokedError extends DomainError {
  constructor(licenceId: string) {
    super(ErrorCode.LicenceAlreadyRevoked, msg('licence.alreadyRevoked', licenceId));
  }
}

export class LicenceAlreadySuspendedError extends DomainError {
  constructor(licenceId: string) {
    super(ErrorCode.LicenceAlreadySuspended, msg('licence.alreadySuspended', licenceId));
  }
}

export class LicenceNotSuspendedError extends DomainError {
  constructor(licenceId: string, status: string) {
    super(ErrorCode.LicenceNotSuspended, msg('licence.notSuspended', licenceId, status));
  }
}

/** A carry licence needs these kinds of evidence in force on the day; `missingEvidence` names those absent. */
export class EvidenceMissingError extends DomainError {
  constructor(missing: readonly string[], day: string) {
    super(ErrorCode.EvidenceMissing, msg('licence.evidenceMissing', [...missing], day), {
      extensions: { missingEvidence: [...missing] },
    });
  }
}

export class UnknownDistrictError extends ValidationFailedError {
  constructor(field: string, code: string) {
    super([{ field, message: msg('field.unknownDistrict', field, code) }]);
  }
}

/** The unique constraint a failed write ran into (SQLSTATE 23505), as named in the migration. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const failure = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = failure.driverError ?? failure;
  return source.code === '23505' ? source.constraint : undefined;
}
