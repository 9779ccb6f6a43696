/** $1 owner id, $2 kinds, $3 day: the kinds with evidence in force on the day. Served by ix_owner_evidence_owner. */
export const EVIDENCE_KINDS_IN_FORCE_SQL = `
  SELECT DISTINCT kind FROM owner_evidence
   WHERE owner_id = $1 AND kind = ANY($2::text[]) AND issued_at <= $3::date AND $3::date <= valid_until`;
