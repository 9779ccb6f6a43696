import { type EntityName } from '../i18n/messages/en';
import { type Message, msg, render } from '../i18n/message';
import { ErrorCode } from './error-code';

/** A bad field as domain code names it: the field's path and a catalogue message. */
export interface FieldError {
  field: string;
  message: Message;
}

/** A bad field as the problem body carries it, in the request's language. */
export interface ProblemFieldError {
  field: string;
  message: string;
}

/**
 * What domain code throws. The HTTP layer turns it into problem+json; nothing below the
 * controllers knows about HTTP or about the request's language: `detail` is a message of the
 * catalogues (src/i18n/messages), rendered by the filter in the language the client asked for.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Message,
    readonly options: {
      errors?: FieldError[];
      /** When the client may try again; the filter states it as `Retry-After`. */
      retryAfterSeconds?: number;
      /** Extra members of the problem body (RFC 9457 extensions). */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    // The Error's own message is for logs and operators: English.
    super(detail ? render(detail, 'en') : code);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail: Message = msg('problem.invalid')) {
    super(ErrorCode.ValidationFailed, detail, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: EntityName, id: string) {
    super(ErrorCode.NotFound, msg('problem.notFound', what, id));
  }
}

export class StaleVersionError extends DomainError {
  constructor(current: number) {
    super(ErrorCode.StaleVersion, msg('problem.staleVersion', current));
  }
}
