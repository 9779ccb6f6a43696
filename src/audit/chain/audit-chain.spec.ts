import { entryHash, entryHashOfTexts, GENESIS_HASH, jsonNormalise, type ChainedEntry, type ChainedFields } from './audit-chain';
import { canonicalJson } from './canonical-json';
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

describe('entryHashOfTexts', () => {
  it('hashes the same bytes as entryHash', () => {
    const values = [null, { b: 1, a: 'é' }, [1, 'x\n', { z: null }], 'text', 3.5, { nested: { list: [true, false] } }, null];
    for (let index = 0; index < values.length - 1; index += 1) {
      const before = values[index];
      const after = values[index + 1];
      let texts: [string, string];
      try {
        texts = [canonicalJson(before), canonicalJson(after)];
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
