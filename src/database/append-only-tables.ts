/**
 * The tables whose rows, once written, stay as written. The work role (DATABASE_APP_URL) gets
 * SELECT and INSERT on them and nothing else: no UPDATE, DELETE, TRUNCATE or TRIGGER, and as it
 * owns no table it cannot ALTER one to switch its refusing triggers off. The start re-grants and
 * checks this list every time, so a table added here (one line) is covered from the next start.
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  'audit_entries',
  'audit_checkpoints',
  'audit_tree_nodes',
  'audit_witnesses',
  'audit_cosignatures',
  'reconciliation_findings',
];

/**
 * Tables of one row that the work role moves forward: SELECT and UPDATE, under a trigger that
 * refuses any step back; no INSERT, DELETE, TRUNCATE or TRIGGER.
 */
export const FORWARD_ONLY_TABLES: readonly string[] = ['audit_head'];

/** Read by the work role, written only by migrations through the owner connection. */
export const READ_ONLY_TABLES: readonly string[] = ['migrations'];
