import { msg } from '../i18n/message';
import { type Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { DomainError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export const ACCESS_PURPOSE_HEADER = 'x-access-purpose';
export const PURPOSE_MIN = 3;
export const PURPOSE_MAX = 200;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export class PurposeRequiredError extends DomainError {
  constructor() {
    super(ErrorCode.PurposeRequired, msg('problem.purposeRequired', PURPOSE_MIN, PURPOSE_MAX));
  }
}

/** Police must say why they read a person's data (Ley 81 de 2019); other roles may. */
export function purposeIsRequired(principal: Principal | null): boolean {
  return principal?.roles.includes(Role.Police) ?? false;
}

/**
 * The purpose a read names, trimmed; null when none is given and none is required.
 * A purpose that is given must be 3..200 characters of text.
 */
export function accessPurposeOf(header: string | string[] | undefined, principal: Principal | null): string | null {
  const raw = Array.isArray(header) ? header.join(', ') : header;
  const purpose = raw?.trim() ?? '';
  if (purpose === '') {
    if (purposeIsRequired(principal)) throw new PurposeRequiredError();
    return null;
  }
  if (purpose.length < PURPOSE_MIN || purpose.length > PURPOSE_MAX || CONTROL.test(purpose)) {
    if (purposeIsRequired(principal) && purpose.length < PURPOSE_MIN) throw new PurposeRequiredError();
    throw new ValidationFailedError([
      { field: 'X-Access-Purpose', message: msg('field.badPurpose', 'X-Access-Purpose', PURPOSE_MIN, PURPOSE_MAX) },
    ]);
  }
  return purpose;
}
