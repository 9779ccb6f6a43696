import { type CopyValue } from '../../database/copy-text';
import type { HoldingCertificateRow } from './holding-certificate.types';

/**
 * The statements over holding_certificates, the one table of the certificates part of the
 * registry. Every write runs inside the caller's transaction; every statement covers many
 * weapons at once.
 */

/** $1 count: that many numbers of the national certificate sequence, in one round trip. */
export const RESERVE_CERTIFICATE_NUMBERS_SQL = `
  SELECT nextval('holding_certificate_numbers') AS n FROM generate_series(1, $1::int)`;

/**
 * The columns a new certificate is written with; status (`valid`), version (1) and the row's
 * timestamps come from the columns' defaults. Each batch's certificates share issuedAt and
 * expiresAt, so their text is made once per batch.
 */
export const CERTIFICATE_COPY_COLUMN_NAMES: readonly string[] = ['id', 'number', 'weapon_id', 'holder_id', 'issued_at', 'expires_at'];

/** The COPY rows of new certificates, in CERTIFICATE_COPY_COLUMN_NAMES order. */
export function* certificateCopyRows(rows: readonly HoldingCertificateRow[]): Generator<CopyValue[]> {
  let issuedAt: Date | null = null;
  let expiresAt: Date | null = null;
  let issued = '';
  let expires = '';
  for (const row of rows) {
    if (row.issuedAt !== issuedAt) [issuedAt, issued] = [row.issuedAt, row.issuedAt.toISOString()];
    if (row.expiresAt !== expiresAt) [expiresAt, expires] = [row.expiresAt, row.expiresAt.toISOString()];
    yield [row.id, row.number, row.weaponId, row.holderId, issued, expires];
  }
}

const RETURNING = `id, number, weapon_id, holder_id, issued_at, expires_at, status, superseded_by, ended_at, ended_reason,
                   version, created_at, updated_at`;

/** $1 weapon ids, $2 the new status (`superseded` or `revoked`), $3 successors (null when revoked), $4 reason, $5 when. */
export const END_VALID_SQL = `
  UPDATE holding_certificates c
     SET status = $2, superseded_by = e.successor, ended_at = $5, ended_reason = $4,
         version = c.version + 1, updated_at = $5
    FROM unnest($1::uuid[], $3::uuid[]) AS e(weapon_id, successor)
   WHERE c.weapon_id = e.weapon_id AND c.status = 'valid'
  RETURNING c.${RETURNING.replace(/,\s+/g, ', c.')}`;

/** $1 weapon: whether it has a valid certificate (uq_holding_certificates_valid_weapon). */
export const HAS_VALID_SQL = `SELECT 1 FROM holding_certificates WHERE weapon_id = $1 AND status = 'valid'`;

/** $1 id: one certificate, locked. */
export const LOCK_CERTIFICATE_SQL = `SELECT ${RETURNING} FROM holding_certificates WHERE id = $1 FOR UPDATE`;

/** $1 id. */
export const CERTIFICATE_BY_ID_SQL = `SELECT ${RETURNING} FROM holding_certificates WHERE id = $1`;

/** $1 number. */
export const CERTIFICATE_BY_NUMBER_SQL = `SELECT ${RETURNING} FROM holding_certificates WHERE number = $1`;

/**
 * $1 weapon, $2 limit, $3/$4 the cursor (issued_at, id) or null: newest first. The valid one
 * through uq_holding_certificates_valid_weapon, the ended ones through
 * ix_holding_certificates_ended_weapon; a weapon has a handful, sorted here.
 */
export const CERTIFICATES_OF_WEAPON_SQL = `
  SELECT ${RETURNING} FROM (
    SELECT * FROM holding_certificates WHERE weapon_id = $1 AND status = 'valid'
    UNION ALL
    SELECT * FROM holding_certificates WHERE weapon_id = $1 AND status <> 'valid'
  ) c
   WHERE ($3::timestamptz IS NULL OR (issued_at, id) < ($3::timestamptz, $4::uuid))
   ORDER BY issued_at DESC, id DESC
   LIMIT $2`;

/**
 * $1 first day, $2 last day (Panama calendar days, both included): valid certificates whose
 * expires_at falls within them, by ix_holding_certificates_expiring.
 */
export const EXPIRING_CERTIFICATES_SQL = `
  SELECT c.id, c.number, c.holder_id, c.weapon_id, c.expires_at, w.district,
         ((c.expires_at AT TIME ZONE 'America/Panama')::date)::text AS expires_on
    FROM holding_certificates c
    LEFT JOIN weapons w ON w.id = c.weapon_id
   WHERE c.status = 'valid'
     AND c.expires_at >= ($1::date::timestamp AT TIME ZONE 'America/Panama')
     AND c.expires_at < (($2::date + 1)::timestamp AT TIME ZONE 'America/Panama')
   ORDER BY c.expires_at, c.id`;

/** $1 weapon: the marking a certificate is checked against in the field. */
export const WEAPON_MARKING_SQL = `
  SELECT registry_number, make, model, type, calibre, serial_number, status FROM weapons WHERE id = $1`;
