import { entryHash, entryHashOfTexts } from './audit-chain';
import { canonicalJsonOfText } from './canonical-json-text';
import { type ExportRow } from '../export/audit-export.format';

/*
 * An entry's hash recomputed from a row whose before and after are still JSON text, as
 * PostgreSQL sends jsonb: the same hash function, with the text reader of the canonical form.
 * A mismatch is always recomputed the reference way (JSON.parse and entryHash) before an
 * entry is called broken, so this path can only be slower, never wrong about an intact entry.
 */

/** entryHash of a row whose before and after are JSON text. */
export function rowHash(row: ExportRow): string {
  return entryHashOfTexts(row.prevHash, row, canonicalJsonOfText(row.beforeJson), canonicalJsonOfText(row.afterJson));
}

/** The reference computation, for a row the fast path disagrees with. */
export function referenceRowHash(row: ExportRow): string {
  return entryHash(row.prevHash, {
    seq: row.seq,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: JSON.parse(row.beforeJson) as unknown,
    after: JSON.parse(row.afterJson) as unknown,
    requestId: row.requestId,
    clientIp: row.clientIp,
  });
}

/** Whether the row's stored hash is the hash of its contents. */
export function rowHashMatches(row: ExportRow): boolean {
  try {
    if (rowHash(row) === row.hash) return true;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  try {
    return referenceRowHash(row) === row.hash;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}
