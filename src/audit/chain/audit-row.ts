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

/** The columns of an audit entry, in the order both writers send them: INSERT_ENTRY_SQL and appendMany's COPY. */
export const AUDIT_ENTRY_COLUMNS = [
  'seq',
  'occurred_at',
  'actor_id',
  'actor_username',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
  'client_ip',
  'prev_hash',
  'hash',
] as const;

/** Inserts one entry as it was chained; $8 and $9 are the JSON texts of before and after. */
export const INSERT_ENTRY_SQL = `INSERT INTO audit_entries (${AUDIT_ENTRY_COLUMNS.join(', ')})
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`;

/** A chained entry whose before and after are already their JSON text. */
export type ChainedEntryText = Omit<ChainedEntry, 'before' | 'after'> & { before: string; after: string };

/** The values of AUDIT_ENTRY_COLUMNS for `entry`, in order. */
export function entryColumnValues(entry: ChainedEntryText): Array<string | number | null> {
  return [
    entry.seq,
    entry.occurredAt,
    entry.actorId,
    entry.actorUsername,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.before,
    entry.after,
    entry.requestId,
    entry.clientIp,
    entry.prevHash,
    entry.hash,
  ];
}

/** The parameters of INSERT_ENTRY_SQL for `entry`. */
export function insertEntryValues(entry: ChainedEntry): unknown[] {
  return entryColumnValues({ ...entry, before: JSON.stringify(entry.before), after: JSON.stringify(entry.after) });
}
