import { type Message, msg } from '../i18n/message';
import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super(ErrorCode.UsernameTaken, msg('user.usernameTaken', username));
  }
}

export class WeakPasswordError extends DomainError {
  constructor(reason: Message) {
    super(ErrorCode.WeakPassword, reason, { errors: [{ field: 'password', message: reason }] });
  }
}

export class UnknownDistrictsError extends ValidationFailedError {
  constructor(codes: string[]) {
    super([{ field: 'jurisdiction', message: msg('field.unknownDistricts', 'jurisdiction', codes) }]);
  }
}

/** SQLSTATE 23505 on the username index is the race twin of the pre-check. */
export function isUsernameConflict(error: unknown): boolean {
  const driverError = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = driverError.driverError ?? driverError;
  return source.code === '23505' && source.constraint === 'uq_users_username';
}
