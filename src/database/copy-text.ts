/** One field of a row sent with COPY … FROM STDIN in text format; null is SQL NULL. */
export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A field in COPY's text format: NULL as \N, booleans as t/f, and in text the four characters
 * that would end or change the field (backslash, newline, carriage return, tab) escaped with a
 * backslash, so any value arrives as it was written. Plain code, checked in copy-text.spec.ts.
 */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot copy the number ${value}`);
    return String(value);
  }
  return SPECIAL.test(value) ? value.replace(SPECIALS, (character) => ESCAPES[character]) : value;
}

/** One row, its fields in the order of the COPY's column list. */
export function copyRow(values: readonly CopyValue[]): string {
  let line = '';
  for (let index = 0; index < values.length; index += 1) line += (index === 0 ? '' : '\t') + copyField(values[index]);
  return `${line}\n`;
}

/** A jsonb field: the value's JSON text, or NULL. */
export function copyJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
