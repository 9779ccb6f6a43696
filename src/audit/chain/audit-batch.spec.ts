import { chainBatch, type ChainedText, chainRendered, renderInput } from './audit-batch';
import { GENESIS_HASH } from './audit-chain';
import { ChainCheck } from '../verification/audit-chain-check';

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
    const verifier = new ChainCheck({ seq: 1, prevHash: GENESIS_HASH }, { otherKeys: 'hash-only' });
    for (const entry of [...first, ...batch]) expect(verifier.feed(entry)).toBe(true);
    expect(verifier.result()).toMatchObject({ valid: true, headSeq: 3, headHash: batch[1].hash });
  });

  it('makes an entry edited after chaining fail verification', () => {
    const batch = chainBatch({ seq: 0, hash: GENESIS_HASH }, actor, [
      { action: 'a', entityType: 'x', entityId: '1' },
      { action: 'b', entityType: 'x', entityId: '2' },
    ], at);
    const verifier = new ChainCheck({ seq: 1, prevHash: GENESIS_HASH }, { otherKeys: 'hash-only' });
    verifier.feed(batch[0]);
    expect(verifier.feed({ ...batch[1], entityId: '9' })).toBe(false);
    expect(verifier.result().firstInvalidSeq).toBe(2);
  });

  it('writes nothing for no inputs', () => {
    expect(chainBatch({ seq: 5, hash: GENESIS_HASH }, actor, [], at)).toEqual([]);
  });
});

describe('renderInput and chainRendered, as AuditService.appendMany uses them', () => {
  const inputs = [
    { action: 'weapon.registered', entityType: 'weapon', entityId: '2', before: null, after: { row: 2, when: new Date(at), z: [1, undefined] } },
    { action: 'weapon.registered', entityType: 'weapon', entityId: '3', after: { row: 3, skipped: undefined, name: 'Łucznik "P-83"' } },
    { action: 'weapon.registration_refused', entityType: 'weapon', entityId: '4', before: { b: 1, a: 2 }, after: { n: -0, big: 1e21 } },
    { action: 'import.completed', entityType: 'import', entityId: '5' },
  ];

  it('gives the seqs, links and hashes of chainBatch, for every actor shape', () => {
    for (const who of [actor, { requestId: null, clientIp: '10.0.0.1', actorId: '6f1c3c86-5a5c-4c1e-9a57-2d4bb4f3a001', actorUsername: 'x' }]) {
      const reference = chainBatch({ seq: 41, hash: GENESIS_HASH }, who, inputs, at);
      const texts: ChainedText[] = [];
      for (const input of inputs) texts.push(chainRendered(texts.at(-1) ?? { seq: 41, hash: GENESIS_HASH }, who, renderInput(input), at));
      expect(texts.map(({ seq, prevHash, hash }) => ({ seq, prevHash, hash }))).toEqual(
        reference.map(({ seq, prevHash, hash }) => ({ seq, prevHash, hash })),
      );
      // The stored text is the normalised value the reference keeps.
      texts.forEach((text, index) => {
        expect(JSON.parse(text.before)).toEqual(reference[index].before);
        expect(JSON.parse(text.after)).toEqual(reference[index].after);
      });
    }
  });
});
