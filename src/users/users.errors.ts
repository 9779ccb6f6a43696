import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super(ErrorCode.UsernameTaken, `The username ${username} is already in use.`);
  }
}

export class WeakPasswordError extends DomainError {
  constructor(reason: string) {
    super(ErrorCode.WeakPassword, reason, { errors: [{ field: 'password', message: reason }] });
  }
}

export class UnknownDistrictsError extends ValidationFailedError {
  constructor(codes: string[]) {
    super([{ field: 'jurisdiction', message: `unknown district codes: ${codes.join(', ')}` }]);
  }
}

/** SQLSTATE 23505 on the username index is the race twin of the pre-check. */
export function isUsernameConflict(error: unknown): boolean {
  const driverError = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = driverError.driverError ?? driverError;
  return source.code === '23505' && source.constraint === 'uq_users_username';
}
