import { licenceInForceSql } from '../owners/licence-in-force';
import type { RecoveryGroup, RegistryGroup } from './statistics.dto';

/**
 * The statistics' reads. They cross the registry's tables on purpose, read-only, as reports do:
 * each is one set-based query, inside one REPEATABLE READ snapshot with the audit head it is
 * stamped with.
 */

/** Recovery items of the period by district and kind, with those whose origin was established. */
export const SDG_SQL = `
  SELECT i.district, i.kind, count(*)::int AS total, count(t.id)::int AS established
    FROM recovery_items i
    LEFT JOIN trace_requests t ON t.id = i.trace_request_id AND (t.illicit_origin ->> 'established') = 'true'
   WHERE i.date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR i.district = $3)
   GROUP BY i.district, i.kind`;

/**
 * Weapons on record at the end of the Panama day $1 by district, type and status then: the sum of
 * the day-by-day changes up to that day in weapon_count_changes, which the triggers on weapons keep
 * in the transaction of every write (migration 1795879400000). A few thousand rows, whatever the
 * number of weapons.
 */
export const REGISTRY_WEAPONS_SQL = `
  SELECT district, type, status, sum(weapons)::int AS weapons
    FROM weapon_count_changes
   WHERE day <= $1::date
   GROUP BY 1, 2, 3 HAVING sum(weapons) <> 0`;

/** Owners with a licence in force on day $1 (for some type it lists), counted by group. */
export function registryHoldersSql(groupBy: RegistryGroup): string | null {
  if (groupBy === 'status') return null;
  const inForce = `EXISTS (SELECT 1 FROM unnest(l.weapon_types) AS t(type) WHERE ${licenceInForceSql('l', 't.type', '$1::date')})`;
  if (groupBy === 'type') {
    return `
      SELECT t.type AS key, count(DISTINCT l.owner_id)::int AS holders
        FROM licences l CROSS JOIN unnest(l.weapon_types) AS t(type)
       WHERE ${licenceInForceSql('l', 't.type', '$1::date')}
       GROUP BY 1`;
  }
  const key =
    groupBy === 'district'
      ? 'o.district'
      : groupBy === 'province'
        ? 'd.province_code'
        : 'l.kind';
  return `
    SELECT ${key} AS key, count(DISTINCT l.owner_id)::int AS holders
      FROM licences l JOIN owners o ON o.id = l.owner_id JOIN districts d ON d.code = o.district
     WHERE ${inForce}
     GROUP BY 1`;
}

/** All licensed holders that day, each once. */
export const REGISTRY_HOLDERS_TOTAL_SQL = `
  SELECT count(DISTINCT l.owner_id)::int AS holders
    FROM licences l
   WHERE EXISTS (SELECT 1 FROM unnest(l.weapon_types) AS t(type) WHERE ${licenceInForceSql('l', 't.type', '$1::date')})`;

/** Names for display of districts and provinces. */
export const PLACE_NAMES_SQL = `
  SELECT d.code, d.name, d.province_code FROM districts d
  UNION ALL
  SELECT p.code, p.name, NULL FROM provinces p`;

export function recoveryItemsSql(groupBy: RecoveryGroup): string {
  const key = groupBy === 'month' ? `to_char(i.date, 'YYYY-MM')` : groupBy === 'calibre' ? `coalesce(i.calibre, 'unknown')` : `i.${groupBy}`;
  return `
    SELECT ${key} AS key, count(*)::int AS items
      FROM recovery_items i
     WHERE i.date BETWEEN $1::date AND $2::date
     GROUP BY 1 ORDER BY 1`;
}

export const RECOVERED_AMMUNITION_SQL = `
  SELECT a.calibre, sum(a.rounds)::int AS rounds
    FROM recoveries r CROSS JOIN jsonb_to_recordset(r.ammunition) AS a(calibre text, rounds int)
   WHERE r.date BETWEEN $1::date AND $2::date
   GROUP BY 1 ORDER BY 1`;
