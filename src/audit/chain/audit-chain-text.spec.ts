import { entryHash, GENESIS_HASH } from './audit-chain';
import { referenceRowHash, rowHash, rowHashMatches } from './audit-chain-text';
import { canonicalJson } from './canonical-json';
import { canonicalJsonOfText } from './canonical-json-text';
import { type ExportRow } from '../export/audit-export.format';

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const STRINGS = ['', 'José Pérez', 'a"b', 'back\\slash', 'line\nbreak', 'tab\tx', '\u0001ctl', '😀 emoji', '\u2028sep', 'Calle 5, Casa 12', '__proto__', 'a/b~c'];
const NUMBERS = [0, 1, -1, 42, 3.14, -0.5, 1e21, 1e-7, 2 ** 53, 123456789.125];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return NUMBERS[Math.floor(next() * NUMBERS.length)];
    case 3:
    case 4:
      return STRINGS[Math.floor(next() * STRINGS.length)];
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(next() * 6); index > 0; index -= 1) {
        object[STRINGS[Math.floor(next() * STRINGS.length)] + String(Math.floor(next() * 3))] = value(next, depth + 1);
      }
      return object;
    }
  }
}

/** JSON text as PostgreSQL writes jsonb: keys by length then bytes, a space after ':' and ',', numerics kept. */
function jsonbText(input: unknown): string {
  if (input === null || typeof input !== 'object') {
    if (typeof input === 'number' && Number.isInteger(input) && Math.abs(input) < 1e15) return `${input}.0`;
    if (input === 1e21) return '1000000000000000000000';
    if (input === 1e-7) return '0.0000001';
    return JSON.stringify(input);
  }
  if (Array.isArray(input)) return `[${input.map(jsonbText).join(', ')}]`;
  const record = input as Record<string, unknown>;
  const keys = Object.keys(record).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText(record[key])}`).join(', ')}}`;
}

function row(before: unknown, after: unknown, overrides: Partial<ExportRow> = {}): ExportRow {
  const fields = {
    seq: 12,
    occurredAt: '2026-11-28T10:00:00.120Z',
    actorId: null,
    actorUsername: 'auditor.one',
    action: 'owner.updated',
    entityType: 'owner',
    entityId: '6f1c3c86-5a5c-4c1e-9a57-2d4bb4f3a001',
    before,
    after,
    requestId: 'req-1',
    clientIp: null,
  };
  return {
    ...fields,
    beforeJson: jsonbText(before),
    afterJson: jsonbText(after),
    prevHash: GENESIS_HASH,
    hash: entryHash(GENESIS_HASH, fields),
    ...overrides,
  };
}

describe('canonicalJsonOfText', () => {
  it('equals canonicalJson(JSON.parse(text)) for random values, however the text is spelled', () => {
    const next = random(20261128);
    for (let index = 0; index < 3000; index += 1) {
      const input = value(next, 0);
      const expected = canonicalJson(JSON.parse(JSON.stringify(input)));
      expect(canonicalJsonOfText(JSON.stringify(input))).toBe(expected);
      expect(canonicalJsonOfText(jsonbText(input))).toBe(expected);
      expect(canonicalJsonOfText(JSON.stringify(input, null, 2))).toBe(expected);
    }
  });

  it('rewrites escapes as JSON.stringify writes them', () => {
    expect(canonicalJsonOfText('{"\\u0061": "\\u00e9\\/"}')).toBe('{"a":"é/"}');
  });

  it('refuses what is not JSON, and duplicate keys', () => {
    for (const text of ['{"a": 1', '[1, 2', '{"a" 1}', 'nul', '"open', '{"a": 1} x', '{"a": 1, "a": 2}']) {
      expect(() => canonicalJsonOfText(text)).toThrow(SyntaxError);
    }
  });
});

describe('rowHash', () => {
  it('is entryHash of the same entry', () => {
    const next = random(7);
    for (let index = 0; index < 500; index += 1) {
      const entry = row(value(next, 0), value(next, 0));
      expect(rowHash(entry)).toBe(entry.hash);
      expect(referenceRowHash(entry)).toBe(entry.hash);
    }
  });

  it('is entryHash of the same entry when the plain fields need escaping too', () => {
    for (const odd of ['say "hi"', 'back\\slash', 'tab\tx', '😀', '\u2028']) {
      const fields = {
        seq: 9,
        occurredAt: '2026-11-28T10:00:00.000Z',
        actorId: odd,
        actorUsername: odd,
        action: odd,
        entityType: odd,
        entityId: odd,
        before: null,
        after: { odd },
        requestId: odd,
        clientIp: odd,
      };
      const entry: ExportRow = { ...fields, beforeJson: 'null', afterJson: jsonbText(fields.after), prevHash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, fields) };
      expect(rowHash(entry)).toBe(entry.hash);
    }
  });

  it('tells an intact row from an edited one', () => {
    const intact = row({ status: 'active' }, { status: 'suspended' });
    expect(rowHashMatches(intact)).toBe(true);
    expect(rowHashMatches({ ...intact, afterJson: '{"status": "active"}' })).toBe(false);
    expect(rowHashMatches({ ...intact, actorUsername: 'someone.else' })).toBe(false);
    expect(rowHashMatches({ ...intact, afterJson: '{"status": ' })).toBe(false);
  });

  it('falls back to the reference computation where the fast path cannot read the text', () => {
    const fields = {
      seq: 3,
      occurredAt: '2026-11-28T10:00:00.000Z',
      actorId: null,
      actorUsername: 'cli:root',
      action: 'x',
      entityType: 'y',
      entityId: 'z',
      before: null,
      after: { a: 2 },
      requestId: null,
      clientIp: null,
    };
    const duplicateKeys: ExportRow = {
      ...fields,
      beforeJson: 'null',
      afterJson: '{"a": 1, "a": 2}',
      prevHash: GENESIS_HASH,
      hash: entryHash(GENESIS_HASH, fields),
    };
    expect(() => rowHash(duplicateKeys)).toThrow(SyntaxError);
    expect(rowHashMatches(duplicateKeys)).toBe(true);
  });
});
