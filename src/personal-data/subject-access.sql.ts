/**
 * What the registry holds about one owner beyond their own record, read in one REPEATABLE READ
 * snapshot for the subject-access report: weapons held now or before (through a transfer),
 * their transfers, and the alerts on those weapons. Read-only SQL over the registry's,
 * transfers' and alerts' tables, kept here because the report is this module's.
 */
export const SUBJECT_WEAPONS_SQL = `
SELECT w.id, w.registry_number, w.make, w.model, w.type, w.calibre, w.serial_number, w.status, w.district,
       w.holder_id = $1 AS held_now
  FROM weapons w
 WHERE w.holder_id = $1
    OR w.id IN (SELECT weapon_id FROM transfers WHERE from_owner_id = $1 OR to_owner_id = $1)
 ORDER BY w.registered_at, w.id`;

export const SUBJECT_TRANSFERS_SQL = `
SELECT t.id, t.weapon_id, t.from_owner_id, t.to_owner_id, t.kind, t.date::text AS date, t.document_ref, t.recorded_at
  FROM transfers t
 WHERE t.from_owner_id = $1 OR t.to_owner_id = $1
 ORDER BY t.recorded_at, t.id`;

export const SUBJECT_ALERTS_SQL = `
SELECT a.id, a.source, a.weapon_id, a.status, a.raised_at, a.raised_by_username
  FROM alerts a
 WHERE a.weapon_id IN (
         SELECT id FROM weapons WHERE holder_id = $1
         UNION SELECT weapon_id FROM transfers WHERE from_owner_id = $1 OR to_owner_id = $1)
 ORDER BY a.raised_at, a.id`;
