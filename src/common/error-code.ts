/**
 * Stable error codes of the API contract. Clients switch on these, so a name never changes
 * meaning; the HTTP status of each is decided in one place, `statusOf`.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  WeakPassword = 'WEAK_PASSWORD',
  UsernameTaken = 'USERNAME_TAKEN',
  StaleVersion = 'STALE_VERSION',
  OutOfJurisdiction = 'OUT_OF_JURISDICTION',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedJson:
    case ErrorCode.WeakPassword:
      return 400;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.RefreshTokenReused:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.OutOfJurisdiction:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.UsernameTaken:
    case ErrorCode.StaleVersion:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.TooManyAttempts:
      return 429;
    case ErrorCode.ServiceUnavailable:
      return 503;
    case ErrorCode.InternalError:
      return 500;
    default: {
      const unmapped: never = code;
      throw new Error(`no HTTP status for error code ${String(unmapped)}`);
    }
  }
}

const titles: Record<ErrorCode, string> = {
  [ErrorCode.ValidationFailed]: 'The request is not valid',
  [ErrorCode.MalformedJson]: 'The request body is not valid JSON',
  [ErrorCode.PayloadTooLarge]: 'The request body is too large',
  [ErrorCode.UnsupportedMediaType]: 'The content type is not supported',
  [ErrorCode.NotFound]: 'Not found',
  [ErrorCode.MethodNotAllowed]: 'Method not allowed',
  [ErrorCode.Unauthenticated]: 'Authentication required',
  [ErrorCode.Forbidden]: 'Not allowed for your role',
  [ErrorCode.InvalidCredentials]: 'Invalid username or password',
  [ErrorCode.TooManyAttempts]: 'Too many failed attempts',
  [ErrorCode.RefreshTokenReused]: 'Refresh token already used',
  [ErrorCode.WeakPassword]: 'The password is too weak',
  [ErrorCode.UsernameTaken]: 'The username is taken',
  [ErrorCode.StaleVersion]: 'The record was changed by someone else',
  [ErrorCode.OutOfJurisdiction]: 'Outside your jurisdiction',
  [ErrorCode.ServiceUnavailable]: 'Service unavailable',
  [ErrorCode.InternalError]: 'Internal error',
};

export function titleOf(code: ErrorCode): string {
  return titles[code];
}
