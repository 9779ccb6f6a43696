import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(ErrorCode.InvalidCredentials, 'The username or password is wrong.');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail = 'A valid bearer access token is required.') {
    super(ErrorCode.Unauthenticated, detail);
  }
}

export class RefreshTokenReusedError extends DomainError {
  constructor() {
    super(ErrorCode.RefreshTokenReused, 'This refresh token was already used; every token of its login is revoked.');
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Your roles do not allow this action.') {
    super(ErrorCode.Forbidden, detail);
  }
}
