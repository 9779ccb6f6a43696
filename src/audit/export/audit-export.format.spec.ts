import { entryHash, GENESIS_HASH } from '../chain/audit-chain';
import { canonicalJson } from '../chain/canonical-json';
import { CSV_HEADER, csvLine, ExportFormatError, type ExportRow, ndjsonLine } from './audit-export.format';
import { checkCsvHeader, CsvReader, entryFromCsv, entryFromNdjson } from './audit-export.reader';

function row(overrides: Partial<ExportRow> = {}): ExportRow {
  const base = {
    seq: 7,
    occurredAt: '2026-11-28T10:00:00.000Z',
    actorId: null,
    actorUsername: 'auditor.one',
    action: 'owner.updated',
    entityType: 'owner',
    entityId: '6f1c3c86-5a5c-4c1e-9a57-2d4bb4f3a001',
    before: { name: 'José "Pepe" Pérez', address: { line: 'Calle 5,\nLos Andes' } },
    after: { name: 'José Pérez', note: '' },
    requestId: '',
    clientIp: '127.0.0.1',
  };
  const hash = entryHash(GENESIS_HASH, base);
  return {
    ...base,
    beforeJson: canonicalJson(base.before),
    afterJson: canonicalJson(base.after),
    prevHash: GENESIS_HASH,
    hash,
    ...overrides,
  };
}

function readAll(text: string, chunkSize: number): Array<Array<string | null>> {
  const reader = new CsvReader();
  const rows: Array<Array<string | null>> = [];
  for (let index = 0; index < text.length; index += chunkSize) {
    rows.push(...reader.push(text.slice(index, index + chunkSize)).map((record) => record.fields));
  }
  rows.push(...reader.end().map((record) => record.fields));
  return rows;
}

describe('NDJSON export lines', () => {
  it('hold every hashed field, so a line recomputes its own hash', () => {
    const line = ndjsonLine(row());
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const entry = entryFromNdjson(line);
    expect(entryHash(entry.prevHash, entry)).toBe(entry.hash);
    expect(entry.requestId).toBe('');
    expect(entry.actorId).toBeNull();
  });

  it('name what is wrong with a bad line', () => {
    expect(() => entryFromNdjson('{"seq":1')).toThrow(/not valid JSON/);
    const good = JSON.parse(ndjsonLine(row())) as Record<string, unknown>;
    expect(() => entryFromNdjson(JSON.stringify({ ...good, hash: 'x' }))).toThrow(/hash must be 64/);
    expect(() => entryFromNdjson(JSON.stringify({ ...good, extra: 1 }))).toThrow(/unknown field extra/);
    const { clientIp: _clientIp, ...missing } = good;
    expect(() => entryFromNdjson(JSON.stringify(missing))).toThrow(/clientIp is missing/);
    expect(() => entryFromNdjson(JSON.stringify({ ...good, seq: '7' }))).toThrow(ExportFormatError);
  });
});

describe('CSV export', () => {
  it('round-trips every field, keeping null apart from the empty string, whatever the chunking', () => {
    const text = CSV_HEADER + csvLine(row()) + csvLine(row({ seq: 8, actorId: 'a', requestId: null, clientIp: null }));
    for (const chunkSize of [1, 2, 3, 7, 64, text.length]) {
      const [header, first, second] = readAll(text, chunkSize);
      expect(() => checkCsvHeader(header)).not.toThrow();
      const entry = entryFromCsv(first);
      expect(entry.requestId).toBe('');
      expect(entry.actorId).toBeNull();
      expect(entry.before).toEqual({ name: 'José "Pepe" Pérez', address: { line: 'Calle 5,\nLos Andes' } });
      expect(entryHash(entry.prevHash, entry)).toBe(entry.hash);
      expect(entryFromCsv(second)).toMatchObject({ seq: 8, actorId: 'a', requestId: null, clientIp: null });
    }
  });

  it('writes no cell that starts a formula, and the verifier reads the entry back intact', () => {
    const entry = {
      seq: 7,
      occurredAt: '2026-11-28T10:00:00.000Z',
      actorId: null,
      actorUsername: '=HYPERLINK("http://x","y")',
      action: 'owner.updated',
      entityType: 'owner',
      entityId: '-1',
      before: { name: '+50760000000' },
      after: null,
      requestId: "'quoted",
      clientIp: '@host',
    };
    const line = csvLine({
      ...entry,
      beforeJson: canonicalJson(entry.before),
      afterJson: canonicalJson(entry.after),
      prevHash: GENESIS_HASH,
      hash: entryHash(GENESIS_HASH, entry),
    });
    const fields = readAll(line, 1000)[0];
    expect(fields.every((field) => field === null || !/^[=+\-@\t\r]/.test(field))).toBe(true);
    const read = entryFromCsv(fields);
    expect(read).toMatchObject({ actorUsername: '=HYPERLINK("http://x","y")', entityId: '-1', requestId: "'quoted", clientIp: '@host' });
    expect(entryHash(read.prevHash, read)).toBe(read.hash);
  });

  it('reads bare LF line ends and a last row without one', () => {
    expect(readAll('a,b\n"x ""y""",\n1,2', 4)).toEqual([
      ['a', 'b'],
      ['x "y"', null],
      ['1', '2'],
    ]);
  });

  it('refuses malformed rows, headers and truncated files', () => {
    expect(() => readAll('a,b"c\n', 10)).toThrow(/quote inside an unquoted field/);
    expect(() => readAll('"a"b\n', 10)).toThrow(/unexpected text after a quoted field/);
    expect(() => readAll('"a,b\n', 10)).toThrow(/incomplete/);
    expect(() => checkCsvHeader(['seq', 'hash'])).toThrow(/header must be/);
    expect(() => entryFromCsv(['1', '2'])).toThrow(/expected 13 fields/);
    const fields = readAll(csvLine(row()), 1000)[0];
    fields[7] = '{broken';
    expect(() => entryFromCsv(fields)).toThrow(/before is not valid JSON/);
  });
});
