import { REGISTRY_TIME_ZONE, todayInPanama } from './calendar';

/** What is stored; `expired` is never stored, it follows from the dates. */
export type StoredLicenceStatus = 'valid' | 'suspended' | 'revoked';
export type LicenceStatus = StoredLicenceStatus | 'expired';

export interface LicenceTerms {
  status: StoredLicenceStatus;
  issuedAt: string;
  expiresAt: string;
  weaponTypes: readonly string[];
  /** The last day of a suspension that ends by itself; null while suspended until reinstated. */
  suspendedUntil?: string | null;
}

/** Panama's day in SQL, for the suspension clause (a suspension is judged on today, like isSuspendedOn). */
export const PANAMA_TODAY_SQL = `(now() AT TIME ZONE '${REGISTRY_TIME_ZONE}')::date`;

/**
 * Whether a suspension holds on `today`. A suspension with `suspendedUntil` ends by itself
 * after that day (the day itself is still suspended); one without holds until reinstated.
 */
export function isSuspendedOn(licence: Pick<LicenceTerms, 'status' | 'suspendedUntil'>, today: string): boolean {
  return licence.status === 'suspended' && (licence.suspendedUntil == null || today <= licence.suspendedUntil);
}

/**
 * The one definition of "a licence in force on a day": not revoked, not suspended today,
 * issuedAt <= day <= expiresAt, and covering the weapon type. A suspended licence is not in
 * force on any day while it stays suspended (a registration dated before the suspension is
 * refused too), so the suspension is judged on `today`, not on `day`. Days are `YYYY-MM-DD`,
 * which compare correctly as strings. `licenceInForceSql` states the same rule for queries;
 * change both together.
 */
export function isLicenceInForce(licence: LicenceTerms, weaponType: string, day: string, today: string = todayInPanama()): boolean {
  return (
    licence.status !== 'revoked' &&
    !isSuspendedOn(licence, today) &&
    licence.issuedAt <= day &&
    day <= licence.expiresAt &&
    licence.weaponTypes.includes(weaponType)
  );
}

/**
 * `isLicenceInForce` as a SQL condition over the licences row `alias`; `weaponType` and `day`
 * are the placeholders (or SQL expressions) holding the weapon type code and the day; the
 * suspension is judged on Panama's today (PANAMA_TODAY_SQL).
 */
export function licenceInForceSql(alias: string, weaponType: string, day: string): string {
  return (
    `(${alias}.status <> 'revoked' ` +
    `AND NOT (${alias}.status = 'suspended' AND (${alias}.suspended_until IS NULL OR ${PANAMA_TODAY_SQL} <= ${alias}.suspended_until)) ` +
    `AND ${alias}.issued_at <= (${day})::date ` +
    `AND (${day})::date <= ${alias}.expires_at AND (${weaponType})::text = ANY(${alias}.weapon_types))`
  );
}

/**
 * The status a licence shows on `today`: revoked; suspended while its suspension holds; else
 * expired once its last day has passed, or valid. A suspension that ended by itself shows as
 * valid (or expired) although the row still says suspended.
 */
export function licenceStatusOn(licence: Pick<LicenceTerms, 'status' | 'expiresAt' | 'suspendedUntil'>, today: string): LicenceStatus {
  if (licence.status === 'revoked') return 'revoked';
  if (isSuspendedOn(licence, today)) return 'suspended';
  return licence.expiresAt < today ? 'expired' : 'valid';
}
