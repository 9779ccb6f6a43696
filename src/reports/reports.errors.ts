import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export class ReportNotReadyError extends DomainError {
  constructor(id: string, status: string, failureReason: string | null) {
    super(
      ErrorCode.ReportNotReady,
      status === 'failed'
        ? `Report ${id} failed and has no file: ${failureReason ?? 'no reason recorded'}`
        : `Report ${id} is ${status}; its file exists once GET /reports/${id} says completed.`,
      { extensions: { reportStatus: status }, ...(status === 'failed' ? {} : { headers: { 'Retry-After': '5' } }) },
    );
  }
}
