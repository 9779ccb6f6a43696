/**
 * The idempotency_keys statements. A key is held by a lease: `lease_token` names the request
 * that holds it and `lease_expires_at` says until when. The holder renews the lease while it
 * runs, so a key outlives its request by at most one lease, however the request ended (its
 * release cut off with the database connection, the process killed). Rows written before the
 * lease columns existed count as leased for two minutes from their creation.
 */

/** $1 actor, $2 scope, $3 key, $4 request hash, $5 lease token, $6 key lifetime (hours), $7 lease (seconds). */
export const CLAIM_KEY_SQL = `
  INSERT INTO idempotency_keys (actor_id, scope, key, request_hash, state, created_at, expires_at, lease_token, lease_expires_at)
  VALUES ($1, $2, $3, $4, 'in_progress', now(), now() + make_interval(hours => $6), $5, now() + make_interval(secs => $7))
  ON CONFLICT (actor_id, scope, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, state = 'in_progress', response_status = NULL, response_body = NULL,
        created_at = now(), expires_at = EXCLUDED.expires_at,
        lease_token = EXCLUDED.lease_token, lease_expires_at = EXCLUDED.lease_expires_at
  WHERE idempotency_keys.expires_at < now()
     OR (idempotency_keys.state = 'in_progress'
         AND coalesce(idempotency_keys.lease_expires_at, idempotency_keys.created_at + interval '120 seconds') < now())
  RETURNING 1`;

/** $1 actor, $2 scope, $3 key. */
export const FIND_KEY_SQL = `
  SELECT request_hash, state, response_status, response_body FROM idempotency_keys
   WHERE actor_id = $1 AND scope = $2 AND key = $3`;

/**
 * $1 actor, $2 scope, $3 key, $4 lease token, $5 lease (seconds). A row being completed is
 * locked by the holder's own transaction: it is skipped rather than waited for.
 */
export const RENEW_LEASE_SQL = `
  UPDATE idempotency_keys SET lease_expires_at = now() + make_interval(secs => $5)
   WHERE (actor_id, scope, key) IN (
         SELECT actor_id, scope, key FROM idempotency_keys
          WHERE actor_id = $1 AND scope = $2 AND key = $3 AND lease_token = $4 AND state = 'in_progress'
            FOR UPDATE SKIP LOCKED)`;

/** $1 actor, $2 scope, $3 key, $4 lease token, $5 response status, $6 response body. */
export const COMPLETE_KEY_SQL = `
  UPDATE idempotency_keys SET state = 'completed', response_status = $5, response_body = $6::jsonb,
         lease_token = NULL, lease_expires_at = NULL
   WHERE actor_id = $1 AND scope = $2 AND key = $3 AND lease_token = $4 AND state = 'in_progress'
  RETURNING 1`;

/** $1 actor, $2 scope, $3 key, $4 lease token. */
export const RELEASE_KEY_SQL = `
  DELETE FROM idempotency_keys
   WHERE actor_id = $1 AND scope = $2 AND key = $3 AND lease_token = $4 AND state = 'in_progress'`;
