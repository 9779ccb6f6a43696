/**
 * $1 the documents ([{ kind, ownerId, district, documentId, documentNumber, expiresAt }]), $2 the
 * run: one notification per document and expiry day; a document already reminded of is left
 * out (uq_notifications_document), so a run repeated writes nothing. Returns the new ids.
 */
export const INSERT_NOTIFICATIONS_SQL = `
  INSERT INTO notifications (owner_id, district, kind, document_id, document_number, expires_at, run_id)
  SELECT d."ownerId", d.district, d.kind, d."documentId", d."documentNumber", d."expiresAt", $2::uuid
    FROM jsonb_to_recordset($1::jsonb) AS d(kind text, "ownerId" uuid, district text, "documentId" uuid,
                                            "documentNumber" text, "expiresAt" date)
  ON CONFLICT ON CONSTRAINT uq_notifications_document DO NOTHING
  RETURNING id`;

/** $1 scheduler job id: the run of a scheduled firing, created once. */
export const INSERT_SCHEDULED_RUN_SQL = `
  INSERT INTO notification_runs (trigger, firing, status, requested_by_username)
  VALUES ('schedule', $1, 'queued', 'schedule')
  ON CONFLICT ON CONSTRAINT uq_notification_runs_firing DO NOTHING
  RETURNING id`;

export const RUN_OF_FIRING_SQL = `SELECT id FROM notification_runs WHERE firing = $1`;

/** $1 notification id: one delivery attempt counted, while it is still pending. */
export const COUNT_ATTEMPT_SQL = `
  UPDATE notifications SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING attempts`;

/** $1 id: delivered (once). */
export const MARK_DELIVERED_SQL = `
  UPDATE notifications SET status = 'delivered', delivered_at = now(), last_error = NULL
   WHERE id = $1 AND status = 'pending' RETURNING attempts`;

/** $1 id, $2 error, $3 whether this was the last attempt. */
export const RECORD_FAILURE_SQL = `
  UPDATE notifications SET last_error = $2, status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
   WHERE id = $1 AND status = 'pending' RETURNING status, attempts`;
