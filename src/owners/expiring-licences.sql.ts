/** $1 first day, $2 last day: licences not revoked whose last day falls between them. Served by ix_licences_expires. */
export const EXPIRING_LICENCES_SQL = `
  SELECT l.id, l.owner_id, o.district, l.number, to_char(l.expires_at, 'YYYY-MM-DD') AS expires_at
    FROM licences l
    JOIN owners o ON o.id = l.owner_id
   WHERE l.status <> 'revoked' AND l.expires_at BETWEEN $1::date AND $2::date
   ORDER BY l.expires_at, l.id`;
