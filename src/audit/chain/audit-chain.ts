import { createHash, hash } from 'node:crypto';

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

/**
 * JSON with object keys sorted at every depth and no insignificant white space, so anyone
 * can recompute an entry's hash from its exported fields (strings, numbers, booleans, null,
 * arrays and objects only: values are JSON-normalised before they are stored).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot canonicalise a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the entry), hex-encoded; prevHash as its 64 hex characters. */
export function entryHash(prevHash: string, fields: ChainedFields): string {
  const canonical: ChainedFields = {
    seq: fields.seq,
    occurredAt: fields.occurredAt,
    actorId: fields.actorId,
    actorUsername: fields.actorUsername,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    before: fields.before ?? null,
    after: fields.after ?? null,
    requestId: fields.requestId,
    clientIp: fields.clientIp,
  };
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(canonical), 'utf8').digest('hex');
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

/**
 * canonicalJson(jsonNormalise(value)) in one pass, without building the normalised copy: what
 * JSON.stringify would keep (toJSON applied, undefined, functions and symbols dropped from
 * objects and null in arrays, non-finite numbers null, boxed primitives unwrapped), keys sorted.
 * The chain's hashes depend on this text byte for byte; audit-chain.spec.ts holds it against
 * the reference pair over many shapes.
 */
export function normalisedCanonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  const parts: string[] = [];
  // As JSON.parse(undefined) in jsonNormalise: a function or a symbol is no JSON value.
  if (!writeMember(value, '', parts)) throw new SyntaxError(`cannot normalise a ${typeof value}`);
  // Joined once into a flat string: the text is kept until the batch is stored, and a flat
  // string is one object for the collector where a concatenation would be hundreds.
  return parts.join('');
}

/** Appends the canonical text of a member to `parts`; false (nothing written) where JSON.stringify would leave it out. */
function writeMember(input: unknown, key: string, parts: string[]): boolean {
  let value = input;
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, key);
  }
  switch (typeof value) {
    case 'string':
      parts.push(JSON.stringify(value));
      return true;
    case 'number':
      parts.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
      return true;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return true;
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      break;
  }
  if (value === null) {
    parts.push('null');
    return true;
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return writeMember(value.valueOf(), key, parts);
  if (Array.isArray(value)) {
    parts.push('[');
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) parts.push(',');
      if (!writeMember((value as unknown[])[index], String(index), parts)) parts.push('null');
    }
    parts.push(']');
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  parts.push('{');
  let first = true;
  for (const name of keys) {
    const mark = parts.length;
    parts.push(first ? '' : ',', JSON.stringify(name), ':');
    if (writeMember(record[name], name, parts)) first = false;
    else parts.length = mark;
  }
  parts.push('}');
  return true;
}

/** The members of an entry in canonical (sorted) order. */
const ENTRY_KEYS = (
  ['seq', 'occurredAt', 'actorId', 'actorUsername', 'action', 'entityType', 'entityId', 'before', 'after', 'requestId', 'clientIp'] as const
)
  .slice()
  .sort();

/**
 * entryHash for an entry whose before and after are given as their canonical texts
 * (normalisedCanonicalJson): the same bytes are hashed, with no second pass over the values.
 */
export function entryHashOfTexts(
  prevHash: string,
  fields: Omit<ChainedFields, 'before' | 'after'>,
  beforeText: string,
  afterText: string,
): string {
  let text = '';
  for (const key of ENTRY_KEYS) {
    let member: string;
    if (key === 'before') member = beforeText;
    else if (key === 'after') member = afterText;
    else {
      const value = fields[key];
      // canonicalJson leaves out a member that is undefined.
      if (value === undefined) continue;
      member = canonicalJson(value);
    }
    text += `${text === '' ? '' : ','}"${key}":${member}`;
  }
  // One-shot hashing of prevHash ‖ text: the same bytes as entryHash's two updates (both UTF-8).
  return hash('sha256', `${prevHash}{${text}}`, 'hex');
}
