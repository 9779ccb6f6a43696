/**
 * The kinds of record an audit entry is about: singular snake case, as the use cases write them
 * (`entityType` of each AuditService append). A filter or history naming any other kind is a
 * client mistake (e.g. the plural `weapons` of the URL), answered 400 rather than an empty list.
 * A feature that audits a new kind of record appends it here.
 */
export const AUDIT_ENTITY_TYPES = [
  'weapon',
  'owner',
  'licence',
  'transfer',
  'correction',
  'user',
  'trace_request',
  'report',
  'import',
  'recovery',
  'destruction_batch',
  'international_trace',
  'certificate',
  'evidence',
  'prohibition',
  'notification',
  'witness',
  'alert',
  'audit_checkpoint',
  'audit_export',
  'owner_search',
  'reconciliation_run',
  'holding_certificate',
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
