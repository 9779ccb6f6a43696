import { DomainError } from '../common/domain-error';
import { msg } from '../i18n/message';
import { ErrorCode } from '../common/error-code';

/** How soon a client polling for a package is told to try again. */
export const RETRY_PACKAGE_SECONDS = 2;

export class TraceNotOpenError extends DomainError {
  constructor(id: string, status: string) {
    super(ErrorCode.TraceNotOpen, msg('iti.notOpen', id, status));
  }
}

export class WrongTraceDirectionError extends DomainError {
  constructor(id: string, direction: 'incoming' | 'outgoing') {
    super(ErrorCode.WrongTraceDirection, direction === 'incoming' ? msg('iti.answerWithRespond', id) : msg('iti.answerWithReply', id));
  }
}

/** The package failed to be prepared (a package still being prepared is a 202, not an error). */
export class PackageNotReadyError extends DomainError {
  constructor(id: string, status: string, failureReason: string | null) {
    super(
      ErrorCode.PackageNotReady,
      status === 'failed' ? msg('iti.packageFailed', id, failureReason) : msg('iti.packageNotReady', id, status),
      { extensions: { packageStatus: status }, retryAfterSeconds: status === 'failed' ? undefined : RETRY_PACKAGE_SECONDS },
    );
  }
}
