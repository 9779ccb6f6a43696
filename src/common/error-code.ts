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
  SelfApproval = 'SELF_APPROVAL',
  OwnerUnderAge = 'OWNER_UNDER_AGE',
  DuplicateOwner = 'DUPLICATE_OWNER',
  DuplicateMarking = 'DUPLICATE_MARKING',
  MarkingReportedStolen = 'MARKING_REPORTED_STOLEN',
  OwnerInactive = 'OWNER_INACTIVE',
  HolderNotLicensed = 'HOLDER_NOT_LICENSED',
  InvalidStatusTransition = 'INVALID_STATUS_TRANSITION',
  CorrectionNotPending = 'CORRECTION_NOT_PENDING',
  LicenceAlreadyRevoked = 'LICENCE_ALREADY_REVOKED',
  DuplicateLicence = 'DUPLICATE_LICENCE',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyInProgress = 'IDEMPOTENCY_IN_PROGRESS',
  HolderMismatch = 'HOLDER_MISMATCH',
  WeaponNotTransferable = 'WEAPON_NOT_TRANSFERABLE',
  RecipientNotLicensed = 'RECIPIENT_NOT_LICENSED',
  SameOwner = 'SAME_OWNER',
  AuditChainInvalid = 'AUDIT_CHAIN_INVALID',
  ReportNotReady = 'REPORT_NOT_READY',
  DuplicateImport = 'DUPLICATE_IMPORT',
  NotDestructible = 'NOT_DESTRUCTIBLE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
  PurposeRequired = 'PURPOSE_REQUIRED',
  InvalidSignature = 'INVALID_SIGNATURE',
  AlreadyCosigned = 'ALREADY_COSIGNED',
  TraceNotOpen = 'TRACE_NOT_OPEN',
  WrongTraceDirection = 'WRONG_TRACE_DIRECTION',
  PackageNotReady = 'PACKAGE_NOT_READY',
  LicenceAlreadySuspended = 'LICENCE_ALREADY_SUSPENDED',
  LicenceNotSuspended = 'LICENCE_NOT_SUSPENDED',
  EvidenceMissing = 'EVIDENCE_MISSING',
  ProhibitionAlreadyLifted = 'PROHIBITION_ALREADY_LIFTED',
  CertificateNotRenewable = 'CERTIFICATE_NOT_RENEWABLE',
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedJson:
    case ErrorCode.WeakPassword:
    case ErrorCode.PurposeRequired:
      return 400;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
    case ErrorCode.RefreshTokenReused:
      return 401;
    case ErrorCode.Forbidden:
    case ErrorCode.OutOfJurisdiction:
    case ErrorCode.SelfApproval:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.UsernameTaken:
    case ErrorCode.StaleVersion:
    case ErrorCode.DuplicateOwner:
    case ErrorCode.DuplicateMarking:
    case ErrorCode.MarkingReportedStolen:
    case ErrorCode.InvalidStatusTransition:
    case ErrorCode.CorrectionNotPending:
    case ErrorCode.LicenceAlreadyRevoked:
    case ErrorCode.DuplicateLicence:
    case ErrorCode.IdempotencyInProgress:
    case ErrorCode.HolderMismatch:
    case ErrorCode.WeaponNotTransferable:
    case ErrorCode.AuditChainInvalid:
    case ErrorCode.ReportNotReady:
    case ErrorCode.DuplicateImport:
    case ErrorCode.AlreadyCosigned:
    case ErrorCode.TraceNotOpen:
    case ErrorCode.WrongTraceDirection:
    case ErrorCode.PackageNotReady:
    case ErrorCode.LicenceAlreadySuspended:
    case ErrorCode.LicenceNotSuspended:
    case ErrorCode.ProhibitionAlreadyLifted:
    case ErrorCode.CertificateNotRenewable:
      return 409;
    case ErrorCode.OwnerUnderAge:
    case ErrorCode.OwnerInactive:
    case ErrorCode.HolderNotLicensed:
    case ErrorCode.IdempotencyKeyReused:
    case ErrorCode.RecipientNotLicensed:
    case ErrorCode.SameOwner:
    case ErrorCode.InvalidSignature:
    case ErrorCode.NotDestructible:
    case ErrorCode.EvidenceMissing:
      return 422;
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
  [ErrorCode.SelfApproval]: 'You cannot approve your own correction',
  [ErrorCode.OwnerUnderAge]: 'The owner is under 18',
  [ErrorCode.DuplicateOwner]: 'An owner with this document already exists',
  [ErrorCode.DuplicateMarking]: 'A weapon with this marking is already registered',
  [ErrorCode.MarkingReportedStolen]: 'This marking belongs to a weapon reported lost or stolen',
  [ErrorCode.OwnerInactive]: 'The owner is not active',
  [ErrorCode.HolderNotLicensed]: 'The holder has no licence in force for this weapon',
  [ErrorCode.InvalidStatusTransition]: 'That event is not possible in the weapon\'s current status',
  [ErrorCode.CorrectionNotPending]: 'The correction is no longer pending',
  [ErrorCode.LicenceAlreadyRevoked]: 'The licence is already revoked',
  [ErrorCode.DuplicateLicence]: 'A licence with this kind and number already exists',
  [ErrorCode.IdempotencyKeyReused]: 'The idempotency key was used with a different request',
  [ErrorCode.IdempotencyInProgress]: 'A request with this idempotency key is still in progress',
  [ErrorCode.HolderMismatch]: 'The sender is not the weapon\'s holder',
  [ErrorCode.WeaponNotTransferable]: 'The weapon cannot be transferred in its current status',
  [ErrorCode.RecipientNotLicensed]: 'The recipient has no licence in force for this weapon',
  [ErrorCode.SameOwner]: 'Sender and recipient are the same owner',
  [ErrorCode.AuditChainInvalid]: 'The audit chain does not verify',
  [ErrorCode.ReportNotReady]: 'The report is not ready',
  [ErrorCode.DuplicateImport]: 'This file was already imported',
  [ErrorCode.NotDestructible]: 'Some weapons cannot be destroyed',
  [ErrorCode.ServiceUnavailable]: 'Service unavailable',
  [ErrorCode.InternalError]: 'Internal error',
  [ErrorCode.PurposeRequired]: 'The purpose of this read of personal data is required',
  [ErrorCode.InvalidSignature]: 'The signature does not verify',
  [ErrorCode.AlreadyCosigned]: 'This witness already cosigned this checkpoint',
  [ErrorCode.TraceNotOpen]: 'The international trace is no longer open',
  [ErrorCode.WrongTraceDirection]: 'Not possible for a trace of this direction',
  [ErrorCode.PackageNotReady]: 'The trace package is not ready',
  [ErrorCode.LicenceAlreadySuspended]: 'The licence is already suspended',
  [ErrorCode.LicenceNotSuspended]: 'The licence is not suspended',
  [ErrorCode.EvidenceMissing]: 'The evidence this licence needs is missing',
  [ErrorCode.ProhibitionAlreadyLifted]: 'The prohibition is already lifted',
  [ErrorCode.CertificateNotRenewable]: 'The holding certificate can no longer be renewed',
};

export function titleOf(code: ErrorCode): string {
  return titles[code];
}
