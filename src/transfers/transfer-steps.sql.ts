/** $1 weapon id: its transfers in the order they were recorded (ix_transfers_weapon), dates as YYYY-MM-DD. */
export const TRANSFER_STEPS_OF_WEAPON_SQL = `
  SELECT id, from_owner_id, to_owner_id, kind, to_char(date, 'YYYY-MM-DD') AS date
    FROM transfers WHERE weapon_id = $1 ORDER BY recorded_at, id`;
