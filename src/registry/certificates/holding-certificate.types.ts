/** The stored statuses; `expired` is also what a valid certificate past its expires_at reads as. */
export const CERTIFICATE_STATUSES = ['valid', 'superseded', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** A holding certificate as stored. */
export interface HoldingCertificateRow {
  id: string;
  number: string;
  weaponId: string;
  holderId: string;
  issuedAt: Date;
  expiresAt: Date;
  status: CertificateStatus;
  supersededBy: string | null;
  endedAt: Date | null;
  endedReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A row of holding_certificates as pg returns it. */
export interface CertificateSqlRow {
  id: string;
  number: string;
  weapon_id: string;
  holder_id: string;
  issued_at: Date;
  expires_at: Date;
  status: CertificateStatus;
  superseded_by: string | null;
  ended_at: Date | null;
  ended_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function fromSql(row: CertificateSqlRow): HoldingCertificateRow {
  return {
    id: row.id,
    number: row.number,
    weaponId: row.weapon_id,
    holderId: row.holder_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    status: row.status,
    supersededBy: row.superseded_by,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * What a certificate reads as at `at`. `expired` is computed on read rather than written by a
 * sweep: a valid certificate is expired from its expires_at on, to the millisecond, with no
 * job that could lag or fail; the row stays `valid` (and so keeps the weapon's one valid slot)
 * until it is renewed, superseded or revoked. Reconciliation reports held weapons in that state.
 */
export function effectiveStatus(row: Pick<HoldingCertificateRow, 'status' | 'expiresAt'>, at: Date = new Date()): CertificateStatus {
  return row.status === 'valid' && row.expiresAt.getTime() <= at.getTime() ? 'expired' : row.status;
}

/** `CT-YYYY-NNNNNNN`: the issue year (Panama) and the sequence value, seven digits at least. */
export function formatCertificateNumber(year: number, value: number | string): string {
  return `CT-${year}-${String(value).padStart(7, '0')}`;
}

export const CERTIFICATE_NUMBER = /^CT-\d{4}-\d{7,}$/;

/** issuedAt plus whole calendar years, in UTC (29 February runs to 1 March). */
export function expiryOf(issuedAt: Date, years: number): Date {
  const expires = new Date(issuedAt.getTime());
  expires.setUTCFullYear(expires.getUTCFullYear() + years);
  return expires;
}
