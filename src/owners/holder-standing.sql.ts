import { licenceInForceSql } from './licence-in-force';

/**
 * The holder-standing statements over owners and licences: for each asked row, the holder
 * (locked FOR SHARE, in id order so concurrent batches lock alike) and whether a licence in
 * force (licenceInForceSql, twin of isLicenceInForce) covers the row's weapon type on its day.
 * A row asked with `needs` false is not looked up for a licence and answers false.
 */

/** $1 owner ids, $2 weapon types, $3 days, $4 needs-a-licence flags. */
export const STANDING_BY_ID_SQL = `
  SELECT d.idx::int AS idx, o.id, o.status, o.district,
         d.needs AND EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = o.id AND ${licenceInForceSql('l', 'd.type', 'd.day')}) AS licensed
    FROM unnest($1::uuid[], $2::text[], $3::date[], $4::boolean[]) WITH ORDINALITY AS d(owner_id, type, day, needs, idx)
    JOIN owners o ON o.id = d.owner_id
   ORDER BY o.id
     FOR SHARE OF o`;

/** $1 document kinds, $2 normalised document numbers, $3 weapon types, $4 days, $5 needs-a-licence flags. */
export const STANDING_BY_DOCUMENT_SQL = `
  SELECT d.idx::int AS idx, o.id, o.status, o.district,
         d.needs AND EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = o.id AND ${licenceInForceSql('l', 'd.type', 'd.day')}) AS licensed
    FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::boolean[]) WITH ORDINALITY AS d(kind, key, type, day, needs, idx)
    JOIN owners o ON o.id_kind = d.kind AND o.id_number_normalized = d.key
   ORDER BY o.id
     FOR SHARE OF o`;

/** $1 owner ids, $2 weapon types, $3 days: the (1-based) rows a licence in force covers, without locking. */
export const LICENSED_ROWS_SQL = `
  SELECT c.idx::int AS idx
    FROM unnest($1::uuid[], $2::text[], $3::date[]) WITH ORDINALITY AS c(owner_id, type, day, idx)
   WHERE EXISTS (SELECT 1 FROM licences l WHERE l.owner_id = c.owner_id AND ${licenceInForceSql('l', 'c.type', 'c.day')})`;
