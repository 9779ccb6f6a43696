import { msg } from '../i18n/message';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { type ChainReport } from './verification/audit-chain-check';

/** Nothing is ever signed over a chain that does not verify: a checkpoint would vouch for the forgery. */
export class AuditChainBrokenError extends DomainError {
  constructor(readonly report: ChainReport) {
    super(
      ErrorCode.AuditChainInvalid,
      msg('audit.chainBroken', report.firstInvalidSeq, report.problem),
      { extensions: { firstInvalidSeq: report.firstInvalidSeq } },
    );
  }
}
