/** $1 owner id, $2 statuses: the owner's weapons in those statuses, locked FOR SHARE in id order. Served by the weapons' holder index. */
export const HELD_WEAPONS_SQL = `
  SELECT w.id FROM weapons w
   WHERE w.holder_id = $1 AND w.status = ANY($2::text[])
   ORDER BY w.id
     FOR SHARE`;
