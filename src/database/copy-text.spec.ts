import { copyField, copyJson, copyRow } from './copy-text';

/** COPY's text format read back as Postgres reads it: fields split on tabs, backslash escapes undone. */
function readCopyRow(line: string): Array<string | null> {
  expect(line.endsWith('\n')).toBe(true);
  return line
    .slice(0, -1)
    .split('\t')
    .map((field) =>
      field === '\\N'
        ? null
        : field.replace(/\\(.)/g, (_, character: string) => ({ n: '\n', r: '\r', t: '\t' })[character] ?? character),
    );
}

describe('COPY text format', () => {
  it('writes NULL, booleans and numbers as Postgres reads them', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(1999)).toBe('1999');
    expect(copyField(-0.5)).toBe('-0.5');
    expect(() => copyField(Number.NaN)).toThrow(RangeError);
    expect(() => copyField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('leaves plain text as it is', () => {
    expect(copyField('Smith & Wesson "M&P" 9×19 Ñandú')).toBe('Smith & Wesson "M&P" 9×19 Ñandú');
    expect(copyField('')).toBe('');
  });

  it('escapes the characters that would end or change a field, so every value arrives as written', () => {
    expect(copyField('a\\b')).toBe('a\\\\b');
    expect(copyField('line 1\nline 2\r\n')).toBe('line 1\\nline 2\\r\\n');
    expect(copyField('col\tcol')).toBe('col\\tcol');
    // A backslash-N or the end-of-data marker written by a user stays text, not NULL or the end.
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('\\.')).toBe('\\\\.');
    const values = ['\\N', '\\.', 'a\tb', 'x\ny\\z', '{"k":"v\\"q"}', ''];
    expect(readCopyRow(copyRow(values))).toEqual(values);
  });

  it('writes a row as tab-separated fields ending in a newline', () => {
    expect(copyRow(['id-1', null, 3, false, 'Glock'])).toBe('id-1\t\\N\t3\tf\tGlock\n');
    expect(readCopyRow(copyRow([null, 'a', null]))).toEqual([null, 'a', null]);
  });

  it('writes jsonb fields as JSON text whose escapes survive the copy', () => {
    expect(copyJson(null)).toBeNull();
    expect(copyJson(undefined)).toBeNull();
    const value = { documentRef: 'FAC\\7\n"b"', kind: 'import' };
    const [field] = readCopyRow(copyRow([copyJson(value)]));
    expect(JSON.parse(field as string)).toEqual(value);
  });
});
