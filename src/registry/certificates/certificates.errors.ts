import { DomainError } from '../../common/domain-error';
import { msg } from '../../i18n/message';
import { ErrorCode } from '../../common/error-code';

/** A certificate that was superseded or revoked, or whose weapon is no longer in its holder's hands. */
export class CertificateNotRenewableError extends DomainError {
  constructor(number: string, why: { status: string } | { weaponStatus: string }) {
    super(
      ErrorCode.CertificateNotRenewable,
      'status' in why ? msg('certificate.notRenewableStatus', number, why.status) : msg('certificate.notRenewableWeapon', number, why.weaponStatus),
    );
  }
}
