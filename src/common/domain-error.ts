import { ErrorCode } from './error-code';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What domain code throws. The HTTP layer turns it into problem+json; nothing below the
 * controllers knows about HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly options: {
      errors?: FieldError[];
      /** When the client may try again; the filter states it as `Retry-After`. */
      retryAfterSeconds?: number;
      /** Extra members of the problem body (RFC 9457 extensions). */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail = 'One or more fields are invalid.') {
    super(ErrorCode.ValidationFailed, detail, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCode.NotFound, `${what} ${id} does not exist.`);
  }
}

export class StaleVersionError extends DomainError {
  constructor(current: number) {
    super(ErrorCode.StaleVersion, `The record is at version ${current}; reload it and try again.`);
  }
}
