import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

/** How soon a client polling for a report's file is told to try again. */
const RETRY_NOT_READY_SECONDS = 5;

export class ReportNotReadyError extends DomainError {
  constructor(id: string, status: string, failureReason: string | null) {
    super(
      ErrorCode.ReportNotReady,
      status === 'failed'
        ? `Report ${id} failed and has no file: ${failureReason ?? 'no reason recorded'}`
        : `Report ${id} is ${status}; its file exists once GET /reports/${id} says completed.`,
      { extensions: { reportStatus: status }, retryAfterSeconds: status === 'failed' ? undefined : RETRY_NOT_READY_SECONDS },
    );
  }
}
