import { type Message, msg } from '../i18n/message';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(ErrorCode.InvalidCredentials, msg('auth.invalidCredentials'));
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail: Message = msg('auth.tokenRequired')) {
    super(ErrorCode.Unauthenticated, detail);
  }
}

export class RefreshTokenReusedError extends DomainError {
  constructor() {
    super(ErrorCode.RefreshTokenReused, msg('auth.refreshTokenReused'));
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: Message = msg('auth.forbidden')) {
    super(ErrorCode.Forbidden, detail);
  }
}
