/**
 * Paths are JSON Pointers (RFC 6901): `/address/district`, `/roles/1`, and `""` for the
 * whole value. Unlike dotted paths they stay unambiguous whatever the member names hold.
 */
export interface FieldAdded {
  path: string;
  value: unknown;
}

export interface FieldRemoved {
  path: string;
  value: unknown;
}

export interface FieldChanged {
  path: string;
  old: unknown;
  new: unknown;
}

export interface JsonDiff {
  added: FieldAdded[];
  removed: FieldRemoved[];
  changed: FieldChanged[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const pointerToken = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keysA = presentKeys(a);
    const keysB = presentKeys(b);
    return keysA.length === keysB.length && keysA.every((key) => key in b && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Members whose value is undefined do not exist in JSON. */
function presentKeys(value: JsonObject): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

function walk(before: unknown, after: unknown, path: string, diff: JsonDiff): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...presentKeys(before), ...presentKeys(after)])].sort();
    for (const key of keys) {
      const child = `${path}/${pointerToken(key)}`;
      const had = before[key] !== undefined;
      const has = after[key] !== undefined;
      if (had && has) walk(before[key], after[key], child, diff);
      else if (has) diff.added.push({ path: child, value: after[key] });
      else diff.removed.push({ path: child, value: before[key] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Index by index: the stored views keep arrays in a meaningful order (roles, weapon types).
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index += 1) {
      const child = `${path}/${index}`;
      if (index >= after.length) diff.removed.push({ path: child, value: before[index] ?? null });
      else if (index >= before.length) diff.added.push({ path: child, value: after[index] ?? null });
      else walk(before[index] ?? null, after[index] ?? null, child, diff);
    }
    return;
  }
  if (!jsonEqual(before, after)) diff.changed.push({ path, old: before, new: after });
}

/**
 * Field-level difference between two JSON values, as an audit entry's `before` and `after`.
 * A missing state (null or undefined: before a creation, after a removal) counts as an
 * empty object, so a creation lists every field as added rather than one change of the whole.
 */
export function diffJson(before: unknown, after: unknown): JsonDiff {
  const diff: JsonDiff = { added: [], removed: [], changed: [] };
  const absent = (value: unknown): boolean => value === null || value === undefined;
  const from = absent(before) && isObject(after) ? {} : (before ?? null);
  const to = absent(after) && isObject(before) ? {} : (after ?? null);
  walk(from, to, '', diff);
  return diff;
}
