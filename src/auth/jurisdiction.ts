import { msg } from '../i18n/message';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import type { Principal } from './principal';
import { Role } from './role.enum';

/** An admin, or an officer or supervisor without a jurisdiction, acts nationally. */
export function hasNationalScope(principal: Principal): boolean {
  return principal.roles.includes(Role.Admin) || principal.jurisdiction === null;
}

/**
 * An admin acts nationally; an officer or supervisor only in the districts of their
 * jurisdiction (null is national scope). Throws 403 OUT_OF_JURISDICTION otherwise.
 */
export function assertInJurisdiction(principal: Principal | null, district: string): void {
  if (!principal) throw new DomainError(ErrorCode.Unauthenticated, msg('auth.tokenRequired'));
  if (hasNationalScope(principal)) return;
  if (!principal.jurisdiction!.includes(district)) {
    throw new DomainError(ErrorCode.OutOfJurisdiction, msg('auth.outOfJurisdiction', district));
  }
}
