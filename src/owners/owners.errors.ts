import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class DuplicateOwnerError extends DomainError {
  /** The document number stays out of the message: problem bodies may end up in client logs. */
  constructor(existingId: string) {
    super(ErrorCode.DuplicateOwner, `Owner ${existingId} already holds this document.`, {
      extensions: { existingId },
    });
  }
}

export class OwnerUnderAgeError extends DomainError {
  constructor(birthDate: string, day: string, adultAge: number) {
    super(ErrorCode.OwnerUnderAge, `Born on ${birthDate}, the owner is not ${adultAge} on ${day}.`, {
      errors: [{ field: 'birthDate', message: `the owner must be at least ${adultAge} years old` }],
    });
  }
}

export class OwnerInactiveError extends DomainError {
  constructor(ownerId: string, status: string) {
    super(ErrorCode.OwnerInactive, `Owner ${ownerId} is ${status}; only an active owner can receive a licence.`);
  }
}

export class OwnerStatusTransitionError extends DomainError {
  constructor(reason: string) {
    super(ErrorCode.InvalidStatusTransition, reason);
  }
}

export class DuplicateLicenceError extends DomainError {
  constructor(kind: string, number: string) {
    super(ErrorCode.DuplicateLicence, `A ${kind} licence numbered ${number} already exists.`);
  }
}

export class LicenceAlreadyRevokedError extends DomainError {
  constructor(licenceId: string) {
    super(ErrorCode.LicenceAlreadyRevoked, `Licence ${licenceId} is already revoked.`);
  }
}

export class LicenceAlreadySuspendedError extends DomainError {
  constructor(licenceId: string) {
    super(ErrorCode.LicenceAlreadySuspended, `Licence ${licenceId} is already suspended; reinstate it before suspending it again.`);
  }
}

export class LicenceNotSuspendedError extends DomainError {
  constructor(licenceId: string, status: string) {
    super(ErrorCode.LicenceNotSuspended, `Licence ${licenceId} is ${status}, not suspended.`);
  }
}

/** A carry licence needs these kinds of evidence in force on the day; `missingEvidence` names those absent. */
export class EvidenceMissingError extends DomainError {
  constructor(missing: readonly string[], day: string) {
    super(ErrorCode.EvidenceMissing, `No evidence in force on ${day} of: ${missing.join(', ')}.`, {
      extensions: { missingEvidence: [...missing] },
    });
  }
}

export class UnknownDistrictError extends ValidationFailedError {
  constructor(field: string, code: string) {
    super([{ field, message: `unknown district code: ${code}` }]);
  }
}

/** The unique constraint a failed write ran into (SQLSTATE 23505), as named in the migration. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const failure = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = failure.driverError ?? failure;
  return source.code === '23505' ? source.constraint : undefined;
}
