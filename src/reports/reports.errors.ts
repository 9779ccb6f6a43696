import { msg } from '../i18n/message';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

/** How soon a client polling for a report's file is told to try again. */
const RETRY_NOT_READY_SECONDS = 5;

export class ReportNotReadyError extends DomainError {
  constructor(id: string, status: string, failureReason: string | null) {
    super(
      ErrorCode.ReportNotReady,
      status === 'failed' ? msg('report.failed', id, failureReason) : msg('report.notReady', id, status),
      { extensions: { reportStatus: status }, retryAfterSeconds: status === 'failed' ? undefined : RETRY_NOT_READY_SECONDS },
    );
  }
}
