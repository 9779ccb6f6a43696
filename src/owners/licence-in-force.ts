/** What is stored; `expired` is never stored, it follows from the dates. */
export type StoredLicenceStatus = 'valid' | 'revoked';
export type LicenceStatus = StoredLicenceStatus | 'expired';

export interface LicenceTerms {
  status: StoredLicenceStatus;
  issuedAt: string;
  expiresAt: string;
  weaponTypes: readonly string[];
}

/**
 * The one definition of "a licence in force on a day": not revoked, issuedAt <= day <= expiresAt,
 * and covering the weapon type. Days are `YYYY-MM-DD`, which compare correctly as strings.
 * `licenceInForceSql` states the same rule for queries; change both together.
 */
export function isLicenceInForce(licence: LicenceTerms, weaponType: string, day: string): boolean {
  return (
    licence.status !== 'revoked' &&
    licence.issuedAt <= day &&
    day <= licence.expiresAt &&
    licence.weaponTypes.includes(weaponType)
  );
}

/**
 * `isLicenceInForce` as a SQL condition over the licences row `alias`; `weaponType` and `day`
 * are the placeholders (or SQL expressions) holding the weapon type code and the day.
 */
export function licenceInForceSql(alias: string, weaponType: string, day: string): string {
  return (
    `(${alias}.status <> 'revoked' AND ${alias}.issued_at <= (${day})::date ` +
    `AND (${day})::date <= ${alias}.expires_at AND (${weaponType})::text = ANY(${alias}.weapon_types))`
  );
}

/** The status a licence shows on `today`: revoked, else expired once its last day has passed. */
export function licenceStatusOn(licence: Pick<LicenceTerms, 'status' | 'expiresAt'>, today: string): LicenceStatus {
  if (licence.status === 'revoked') return 'revoked';
  return licence.expiresAt < today ? 'expired' : 'valid';
}
