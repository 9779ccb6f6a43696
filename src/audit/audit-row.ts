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
