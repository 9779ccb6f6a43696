import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

/** How soon a client polling for a package is told to try again. */
export const RETRY_PACKAGE_SECONDS = 2;

export class TraceNotOpenError extends DomainError {
  constructor(id: string, status: string) {
    super(ErrorCode.TraceNotOpen, `International trace ${id} is ${status}; it was already answered.`);
  }
}

export class WrongTraceDirectionError extends DomainError {
  constructor(id: string, direction: string, what: string) {
    super(ErrorCode.WrongTraceDirection, `International trace ${id} is ${direction}: ${what}.`);
  }
}

/** The package failed to be prepared (a package still being prepared is a 202, not an error). */
export class PackageNotReadyError extends DomainError {
  constructor(id: string, status: string, failureReason: string | null) {
    super(
      ErrorCode.PackageNotReady,
      status === 'failed'
        ? `The package of international trace ${id} could not be prepared: ${failureReason ?? 'no reason recorded'}`
        : `The package of international trace ${id} is ${status}; poll GET /international-traces/${id}/package.`,
      { extensions: { packageStatus: status }, retryAfterSeconds: status === 'failed' ? undefined : RETRY_PACKAGE_SECONDS },
    );
  }
}
