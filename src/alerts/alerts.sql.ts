/**
 * $1 the alerts ([{ source, weaponId, details, traceRequestId }]), $2 actor id, $3 actor
 * username, $4 request id, $5 when. Each alert keeps the weapon as the caller's transaction
 * sees it now; one equal to an alert that exists is left out (ON CONFLICT DO NOTHING).
 */
export const INSERT_ALERTS_SQL = `
  INSERT INTO alerts (source, weapon_id, weapon, details, trace_request_id, raised_by, raised_by_username,
                      request_id, raised_at, status, version)
  SELECT i.source, w.id,
         jsonb_build_object('id', w.id, 'registryNumber', w.registry_number, 'make', w.make, 'model', w.model,
                            'serialNumber', w.serial_number, 'status', w.status),
         i.details, i."traceRequestId", $2, $3, $4, $5, 'open', 1
    FROM jsonb_to_recordset($1::jsonb) AS i(source text, "weaponId" uuid, details jsonb, "traceRequestId" uuid)
    JOIN weapons w ON w.id = i."weaponId"
  ON CONFLICT DO NOTHING
  RETURNING id, weapon_id`;

/**
 * $1 source, $2 details the alerts must contain (jsonb @>), $3 actor id, $4 actor username, $5 when:
 * the open alerts matching are acknowledged; returns them as they were.
 */
export const ACKNOWLEDGE_MATCHING_SQL = `
  UPDATE alerts a
     SET status = 'acknowledged', acknowledged_by = $3, acknowledged_by_username = $4, acknowledged_at = $5, version = a.version + 1
   WHERE a.source = $1 AND a.status = 'open' AND a.details @> $2::jsonb
  RETURNING a.id, a.weapon_id, a.version`;
