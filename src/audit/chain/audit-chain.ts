import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed for one entry: every stored field but the hashes themselves. */
export interface ChainedFields {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientIp: string | null;
}

export interface ChainedEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** Dates to ISO strings, undefined dropped: the exact form that is stored in jsonb and hashed. */
export function jsonNormalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export interface VerifyResult {
  valid: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstInvalidSeq: number | null;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the entry), hex-encoded; prevHash as its 64 hex characters. */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  return entryHashOfTexts(prevHash, fields, canonicalJson(fields.before ?? null), canonicalJson(fields.after ?? null));
}

/** What JSON.stringify would escape in a string: the quote, the backslash, controls, surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quoted(value: string | null): string {
  if (value === undefined) throw new TypeError('an audit entry names every field; null, not undefined, for none');
  return value === null ? 'null' : JSON.stringify(value);
}

const plainQuoted = (value: string | null): string => (value === null ? 'null' : `"${value}"`);

/**
 * The one hash of an entry, its before and after given as their canonical texts (by
 * canonicalJson when written, by canonicalJsonOfText when read back): SHA-256 of prevHash
 * followed by the canonical JSON of the entry, whose members are written here in canonical
 * (sorted) order: action, actorId, actorUsername, after, before, clientIp, entityId,
 * entityType, occurredAt, requestId, seq.
 */
export function entryHashOfTexts(
  prevHash: string,
  fields: Omit<ChainedFields, 'before' | 'after'>,
  beforeText: string,
  afterText: string,
): string {
  const { action, actorId, actorUsername, clientIp, entityId, entityType, occurredAt, requestId } = fields;
  // One test over the short scalar fields instead of a JSON.stringify call for each: they rarely hold anything to escape.
  const plain =
    actorId !== undefined &&
    clientIp !== undefined &&
    requestId !== undefined &&
    !NEEDS_ESCAPE.test(`${action}${actorUsername}${entityId}${entityType}${occurredAt}${actorId ?? ''}${clientIp ?? ''}${requestId ?? ''}`);
  const text = plain ? plainQuoted : quoted;
  if (!Number.isSafeInteger(fields.seq)) throw new TypeError(`seq ${String(fields.seq)} is not an integer`);
  return hash(
    'sha256',
    `${prevHash}{"action":${text(action)},"actorId":${text(actorId)},"actorUsername":${text(actorUsername)},` +
      `"after":${afterText},"before":${beforeText},"clientIp":${text(clientIp)},"entityId":${text(entityId)},` +
      `"entityType":${text(entityType)},"occurredAt":${text(occurredAt)},"requestId":${text(requestId)},"seq":${fields.seq}}`,
    'hex',
  );
}
