import type { ChainedEntry } from './audit-chain';

/** An audit_entries row as pg returns it (bigint seq as text, timestamptz as Date). */
export interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

/** The row in the shape that is hashed and verified. Plain code: the tests and CLI tools use it too. */
export function toChainedEntry(row: AuditRow): ChainedEntry {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Inserts one entry as it was chained; $8 and $9 are the JSON texts of before and after. */
export const INSERT_ENTRY_SQL = `INSERT INTO audit_entries (seq, occurred_at, actor_id, actor_username, action, entity_type, entity_id,
     before, after, request_id, client_ip, prev_hash, hash)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`;

/** The parameters of INSERT_ENTRY_SQL for `entry`. */
export function insertEntryValues(entry: ChainedEntry): unknown[] {
  return [
    entry.seq,
    entry.occurredAt,
    entry.actorId,
    entry.actorUsername,
    entry.action,
    entry.entityType,
    entry.entityId,
    JSON.stringify(entry.before),
    JSON.stringify(entry.after),
    entry.requestId,
    entry.clientIp,
    entry.prevHash,
    entry.hash,
  ];
}
