import { chainBatch } from './audit-batch';
import { ChainVerifier, GENESIS_HASH } from './audit-chain';

const actor = { requestId: 'r-1', clientIp: null, actorId: null, actorUsername: 'importer' };
const at = '2026-11-28T12:00:00.000Z';

describe('chainBatch', () => {
  it('continues the chain from the head with consecutive seqs that the verifier accepts', () => {
    const first = chainBatch({ seq: 0, hash: GENESIS_HASH }, actor, [{ action: 'a', entityType: 'x', entityId: '1' }], at);
    const batch = chainBatch(
      { seq: 1, hash: first[0].hash },
      actor,
      [
        { action: 'weapon.registered', entityType: 'weapon', entityId: '2', before: null, after: { row: 2, when: new Date(at) } },
        { action: 'weapon.registered', entityType: 'weapon', entityId: '3', after: { row: 3, skipped: undefined } },
      ],
      at,
    );
    expect(batch.map((entry) => entry.seq)).toEqual([2, 3]);
    expect(batch[0].prevHash).toBe(first[0].hash);
    expect(batch[1].prevHash).toBe(batch[0].hash);
    // Values are stored JSON-normalised: dates as strings, undefined members dropped, absent before as null.
    expect(batch[0].after).toEqual({ row: 2, when: at });
    expect(batch[1].after).toEqual({ row: 3 });
    expect(batch[1].before).toBeNull();
    const verifier = new ChainVerifier();
    for (const entry of [...first, ...batch]) expect(verifier.feed(entry)).toBe(true);
    expect(verifier.result()).toMatchObject({ valid: true, headSeq: 3, headHash: batch[1].hash });
  });

  it('makes an entry edited after chaining fail verification', () => {
    const batch = chainBatch({ seq: 0, hash: GENESIS_HASH }, actor, [
      { action: 'a', entityType: 'x', entityId: '1' },
      { action: 'b', entityType: 'x', entityId: '2' },
    ], at);
    const verifier = new ChainVerifier();
    verifier.feed(batch[0]);
    expect(verifier.feed({ ...batch[1], entityId: '9' })).toBe(false);
    expect(verifier.result().firstInvalidSeq).toBe(2);
  });

  it('writes nothing for no inputs', () => {
    expect(chainBatch({ seq: 5, hash: GENESIS_HASH }, actor, [], at)).toEqual([]);
  });
});
