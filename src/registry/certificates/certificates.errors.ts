import { DomainError } from '../../common/domain-error';
import { ErrorCode } from '../../common/error-code';

/** A certificate that was superseded or revoked, or whose weapon is no longer in its holder's hands. */
export class CertificateNotRenewableError extends DomainError {
  constructor(number: string, why: string) {
    super(ErrorCode.CertificateNotRenewable, `Holding certificate ${number} cannot be renewed: ${why}.`);
  }
}
