/*
 * The one canonical JSON form the audit chain hashes, stores and exports: JSON.stringify's
 * strings and numbers, object keys sorted at every depth, no insignificant white space.
 * It has two readers and no other definition: canonicalJson here reads a JavaScript value
 * (what is written), canonicalJsonOfText (canonical-json-text.ts) reads JSON text (what
 * PostgreSQL hands back to the verifier). canonical-json.spec.ts holds both against
 * JSON.stringify and against each other.
 */

/**
 * The canonical JSON of a value, as it is normalised through JSON: what JSON.stringify would
 * keep (toJSON applied, so dates become ISO strings; undefined, functions and symbols dropped
 * from objects and null in arrays; non-finite numbers null; boxed primitives unwrapped),
 * written with object keys sorted (UTF-16 code units) at every depth and no insignificant
 * white space. One pass, without building the normalised copy. The chain's hashes depend on
 * this text byte for byte; canonical-json.spec.ts holds it against JSON.stringify over many shapes.
 */
export function canonicalJson(value: unknown): string {
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
