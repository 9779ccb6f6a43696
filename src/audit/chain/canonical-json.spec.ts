import { canonicalJson } from './canonical-json';

/**
 * The oracle: the canonical form spelled out over a value already normalised through JSON
 * (JSON.parse(JSON.stringify(value))), keys sorted at every depth. Test code only; the
 * service has one definition, canonicalJson.
 */
function oracleText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(oracleText).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${oracleText(record[key])}`)
    .join(',')}}`;
}

const reference = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) {
    if (value === undefined) return 'null';
    throw new SyntaxError(`cannot normalise a ${typeof value}`);
  }
  return oracleText(JSON.parse(text));
};

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
    expect(() => canonicalJson(() => 1)).toThrow(SyntaxError);
    expect(() => canonicalJson({ big: BigInt(1) })).toThrow(TypeError);
  });

  it('writes dates as JSON does, as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });
});

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

describe('canonicalJson against the oracle', () => {
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

  it.each(shapes)('renders %s exactly as the oracle', (_name, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
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
        expect(() => canonicalJson(value)).toThrow();
      } else {
        expect(canonicalJson(value)).toBe(expected);
        compared += 1;
      }
    }
    // Most generated values are JSON values; only a top-level function or symbol is refused.
    expect(compared).toBeGreaterThan(900);
  });

  it('refuses what the reference refuses', () => {
    expect(() => reference(() => 1)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
    expect(() => reference({ big: BigInt(1) })).toThrow();
    expect(() => canonicalJson({ big: BigInt(1) })).toThrow();
  });
});

