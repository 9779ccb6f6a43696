import {
  canonicalJson,
  entryHash,
  entryHashOfTexts,
  GENESIS_HASH,
  jsonNormalise,
  normalisedCanonicalJson,
  type ChainedEntry,
  type ChainedFields,
} from './audit-chain';
import { ChainCheck } from '../verification/audit-chain-check';
import { createHash } from 'node:crypto';

const fields = (seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields => ({
  seq,
  occurredAt: `2026-11-28T10:00:0${seq % 10}.000Z`,
  actorId: '6f1c3c86-5a5c-4c1e-9a57-2d4bb4f3a001',
  actorUsername: 'auditor.one',
  action: 'user.created',
  entityType: 'user',
  entityId: `entity-${seq}`,
  before: null,
  after: { roles: ['police'], nested: { b: 2, a: 1 } },
  requestId: `req-${seq}`,
  clientIp: '127.0.0.1',
  ...overrides,
});

function chain(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const hash = entryHash(prevHash, fields(seq));
    entries.push({ ...fields(seq), prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same for objects that differ only in key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: 'é' })).toBe(canonicalJson({ z: 'é', y: [1, 2], x: 1 }));
  });

  it('keeps array order and writes undefined items as null, like JSON', () => {
    expect(canonicalJson([2, undefined, 1])).toBe('[2,null,1]');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('entryHash', () => {
  it('is SHA-256 over the previous hash followed by the canonical JSON', () => {
    const entry = fields(1);
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(entry)).digest('hex');
    expect(entryHash(GENESIS_HASH, entry)).toBe(expected);
  });

  it('changes when any field or the previous hash changes', () => {
    const base = entryHash(GENESIS_HASH, fields(1));
    expect(entryHash(GENESIS_HASH, fields(1, { after: { roles: ['admin'] } }))).not.toBe(base);
    expect(entryHash(GENESIS_HASH, fields(1, { actorUsername: 'someone.else' }))).not.toBe(base);
    expect(entryHash('f'.repeat(64), fields(1))).not.toBe(base);
  });

  it('does not depend on the key order of before and after', () => {
    expect(entryHash(GENESIS_HASH, fields(1, { after: { a: 1, b: 2 } }))).toBe(
      entryHash(GENESIS_HASH, fields(1, { after: { b: 2, a: 1 } })),
    );
  });
});

describe('jsonNormalise', () => {
  it('turns dates into ISO strings and undefined into null', () => {
    expect(jsonNormalise({ at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined })).toEqual({ at: '2026-01-02T03:04:05.000Z' });
    expect(jsonNormalise(undefined)).toBeNull();
  });
});

describe('ChainCheck fed entry by entry', () => {
  const run = (entries: ChainedEntry[]): ReturnType<ChainCheck['result']> => {
    const verifier = new ChainCheck({ seq: 1, prevHash: GENESIS_HASH }, { otherKeys: 'hash-only' });
    for (const entry of entries) verifier.feed(entry);
    return verifier.result();
  };

  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(run(entries)).toEqual({ valid: true, checked: 5, headSeq: 5, headHash: entries[4].hash, firstInvalidSeq: null, problem: null, checkpointsChecked: 0 });
  });

  it('names an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], after: { roles: ['admin'] } };
    expect(run(entries)).toMatchObject({ valid: false, firstInvalidSeq: 3 });
  });

  it('names the first missing seq when an entry is deleted', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(run(entries)).toMatchObject({ valid: false, firstInvalidSeq: 2 });
  });

  it('names a forged entry inserted with a valid-looking hash but the wrong link', () => {
    const entries = chain(4);
    const forgedFields = fields(3, { action: 'user.forged' });
    const forged = { ...forgedFields, prevHash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, forgedFields) };
    expect(run([entries[0], entries[1], forged, entries[2], entries[3]])).toMatchObject({ valid: false, firstInvalidSeq: 3 });
  });

  it('names a recomputed-but-relinked forgery at the entry after it, whose link breaks', () => {
    const entries = chain(4);
    const forgedFields = fields(2, { action: 'user.forged' });
    const forged = { ...forgedFields, prevHash: entries[0].hash, hash: entryHash(entries[0].hash, forgedFields) };
    expect(run([entries[0], forged, entries[2], entries[3]])).toMatchObject({ valid: false, firstInvalidSeq: 3 });
  });

  it('can start in the middle of a chain', () => {
    const entries = chain(6);
    const verifier = new ChainCheck({ seq: 4, prevHash: entries[2].hash }, { otherKeys: 'hash-only' });
    for (const entry of entries.slice(3)) verifier.feed(entry);
    expect(verifier.result()).toMatchObject({ valid: true, checked: 3, headSeq: 6 });
  });
});

/** The reference: normalise through JSON, then canonicalise. */
const reference = (value: unknown): string => canonicalJson(jsonNormalise(value));

/** A small deterministic generator, so a failing shape can be reproduced. */
function randomValues(seed: number, count: number): unknown[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const strings = ['', 'a', 'Łucznik', 'Sarsılmaz', 'ñandú', '"quoted"', 'back\\slash', 'line\nbreak', '\u0000', '\u2028', '😀', '\ud800', 'tab\t'];
  const numbers = [0, -0, 1, -1, 1.5, 1e21, 1e-7, -1e21, 123456789012, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, NaN, Infinity, -Infinity, 0.1 + 0.2];
  const value = (depth: number): unknown => {
    const kind = depth > 3 ? Math.floor(next() * 6) : Math.floor(next() * 10);
    switch (kind) {
      case 0:
        return pick(strings);
      case 1:
        return pick(numbers);
      case 2:
        return pick([true, false, null]);
      case 3:
        return undefined;
      case 4:
        return new Date(Math.floor(next() * 4_000_000_000_000));
      case 5:
        return pick([() => 1, Symbol('s'), new Date(Number.NaN)]);
      case 6:
      case 7: {
        const record: Record<string, unknown> = {};
        const size = Math.floor(next() * 6);
        for (let index = 0; index < size; index += 1) record[pick(['b', 'a', 'Z', 'é', '10', '2', 'key with space', '__x', pick(strings)])] = value(depth + 1);
        return record;
      }
      default: {
        const size = Math.floor(next() * 5);
        return Array.from({ length: size }, () => value(depth + 1));
      }
    }
  };
  return Array.from({ length: count }, () => value(0));
}

describe('normalisedCanonicalJson', () => {
  const shapes: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'Łucznik "9mm" \\ ñ 😀'],
    ['a lone surrogate', '\udc00x'],
    ['numbers', [0, -0, 1e21, 1e-7, -1e21, 0.1 + 0.2, NaN, Infinity, -Infinity, 2 ** 53]],
    ['booleans', { t: true, f: false }],
    ['a date', new Date('2026-11-28T12:00:00.000Z')],
    ['an invalid date', { when: new Date(Number.NaN) }],
    ['undefined members and items', { a: undefined, b: [undefined, 1, undefined], c: { d: undefined } }],
    ['functions and symbols', { f: () => 1, s: Symbol('x'), list: [() => 1, Symbol('y')] }],
    ['nested arrays', [[[]], [[1, [2, [3, { z: 1, a: [null] }]]]]]],
    ['unsorted keys at every depth', { z: { y: 1, b: { d: 1, c: 2 } }, a: [{ q: 1, p: 2 }], 10: 'ten', 2: 'two', é: 1, E: 2 }],
    ['boxed primitives', { n: Object(3), s: Object('text'), b: Object(false) }],
    ['toJSON', { custom: { toJSON: (key: string) => ({ key, b: 2, a: 1 }) }, buffer: Buffer.from('hi') }],
    ['a Map and a Set', { map: new Map([['a', 1]]), set: new Set([1]) }],
    ['an object with __proto__ as its own key', JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    [
      'an audit after of an import row',
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        registryNumber: 'RA-2026-000001',
        yearOfManufacture: null,
        importMarking: { country: 'PA', year: 2024 },
        acquisition: { kind: 'domestic_purchase', date: '2025-01-15', documentRef: undefined },
        registeredAt: new Date('2026-11-28T12:00:00.123Z'),
        row: 2,
      },
    ],
  ];

  it.each(shapes)('renders %s exactly as canonicalJson(jsonNormalise(value))', (_name, value) => {
    expect(normalisedCanonicalJson(value)).toBe(reference(value));
  });

  it('agrees with the reference on a thousand generated shapes', () => {
    const values = randomValues(7, 1000);
    let compared = 0;
    for (const value of values) {
      let expected: string | Error;
      try {
        expected = reference(value);
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error) {
        expect(() => normalisedCanonicalJson(value)).toThrow();
      } else {
        expect(normalisedCanonicalJson(value)).toBe(expected);
        compared += 1;
      }
    }
    // Most generated values are JSON values; only a top-level function or symbol is refused.
    expect(compared).toBeGreaterThan(900);
  });

  it('refuses what the reference refuses', () => {
    expect(() => reference(() => 1)).toThrow();
    expect(() => normalisedCanonicalJson(() => 1)).toThrow();
    expect(() => reference({ big: BigInt(1) })).toThrow();
    expect(() => normalisedCanonicalJson({ big: BigInt(1) })).toThrow();
  });
});

describe('entryHashOfTexts', () => {
  it('hashes the same bytes as entryHash', () => {
    const values = randomValues(11, 200);
    for (let index = 0; index < values.length - 1; index += 1) {
      const before = values[index];
      const after = values[index + 1];
      let texts: [string, string];
      try {
        texts = [normalisedCanonicalJson(before), normalisedCanonicalJson(after)];
      } catch {
        continue;
      }
      const base = fields(index + 1, { before: jsonNormalise(before), after: jsonNormalise(after) });
      const variants: ChainedFields[] = [base, { ...base, actorId: null, clientIp: null, requestId: null }];
      for (const variant of variants) {
        expect(entryHashOfTexts(GENESIS_HASH, variant, ...texts)).toBe(entryHash(GENESIS_HASH, variant));
      }
    }
  });
});
