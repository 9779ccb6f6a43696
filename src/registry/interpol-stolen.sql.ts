/**
 * The events that change what INTERPOL's iARMS should know of a weapon: reported lost or
 * stolen, or back in hands from lost or stolen (recovered, seized, surrendered, whatever the
 * event's name). The first conjunct is ix_weapon_events_missing_changes's predicate as written,
 * so the index serves the range; the second keeps, of the events leaving lost or stolen, only
 * those that end the missing status (not a loss reported stolen, not a correction).
 */
const MISSING_CHANGE = `
      (e.kind IN ('reported_lost','reported_stolen') OR e.from_status IN ('lost','stolen'))
  AND (e.kind IN ('reported_lost','reported_stolen') OR e.to_status NOT IN ('lost','stolen'))
  AND e.occurred_at >= ($1::date::timestamp AT TIME ZONE 'America/Panama')`;

export const INTERPOL_STOLEN_COUNT_SQL = `SELECT count(*)::int AS rows FROM weapon_events e WHERE ${MISSING_CHANGE}`;

export const INTERPOL_STOLEN_ROWS_SQL = `
  SELECT w.registry_number AS "recordId",
         CASE e.kind WHEN 'reported_lost' THEN 'lost' WHEN 'reported_stolen' THEN 'stolen' ELSE 'recovered' END AS "status",
         to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "changedAt",
         w.make AS "make", w.model AS "model", w.type AS "type", w.calibre AS "calibre", w.serial_number AS "serialNumber",
         w.country_of_manufacture AS "countryOfManufacture",
         CASE WHEN w.import_marking IS NULL THEN ''
              WHEN w.import_marking ? 'country' OR w.import_marking ? 'year'
                THEN concat_ws(' ', w.import_marking ->> 'country', w.import_marking ->> 'year')
              ELSE coalesce('exempt ' || (w.import_marking ->> 'exemptionRef'), '') END AS "importMarking",
         coalesce(e.reference, '') AS "caseReference"
    FROM weapon_events e
    JOIN weapons w ON w.id = e.weapon_id
   WHERE ${MISSING_CHANGE}
   ORDER BY e.occurred_at, e.id`;
