/** $1 weapon id: how many corrections of it wait for a decision (ix_corrections_weapon). */
export const PENDING_CORRECTIONS_OF_WEAPON_SQL = `
  SELECT count(*)::int AS pending FROM corrections WHERE weapon_id = $1 AND status = 'pending'`;
