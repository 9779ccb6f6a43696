import { generateKeyPairSync } from 'node:crypto';
import { type ChainedEntry, type ChainedFields, entryHash, GENESIS_HASH } from '../chain/audit-chain';
import { ChainCheck, type ChainCheckOptions } from './audit-chain-check';
import { keyIdOf, signCheckpoint, type SignedCheckpoint } from '../checkpoints/audit-checkpoint.signing';
import { type ExportRow } from '../export/audit-export.format';
import { checkSegment } from './audit-verify.segment';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = { keyId: keyIdOf(publicKey), publicKey };

const fields = (seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields => ({
  seq,
  occurredAt: `2026-11-28T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  actorId: null,
  actorUsername: 'cli:root',
  action: 'owner.updated',
  entityType: 'owner',
  entityId: `owner-${seq}`,
  before: { status: 'active' },
  after: { status: 'suspended', seq },
  requestId: null,
  clientIp: null,
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

const checkpointOf = (entry: ChainedEntry): SignedCheckpoint =>
  signCheckpoint({ seq: entry.seq, hash: entry.hash, signedAt: '2026-11-28T11:00:00.000Z' }, privateKey, key.keyId);

function run(
  entries: ChainedEntry[],
  checkpoints: SignedCheckpoint[] = [],
  options: ChainCheckOptions = { key, otherKeys: 'refuse' },
): ReturnType<ChainCheck['result']> {
  const check = new ChainCheck({ seq: entries[0].seq, prevHash: entries[0].prevHash }, options);
  check.expectCheckpoints(checkpoints);
  for (const entry of entries) check.feed(entry);
  return check.result();
}

describe('ChainCheck', () => {
  it('accepts an intact chain and the checkpoints that sign it', () => {
    const entries = chain(6);
    expect(run(entries, [checkpointOf(entries[2]), checkpointOf(entries[5])])).toEqual({
      valid: true,
      checked: 6,
      headSeq: 6,
      headHash: entries[5].hash,
      firstInvalidSeq: null,
      problem: null,
      checkpointsChecked: 2,
    });
  });

  it('says in words why an edited, a missing or a relinked entry breaks the chain', () => {
    const edited = chain(4);
    edited[1] = { ...edited[1], after: { status: 'forged' } };
    expect(run(edited)).toMatchObject({ valid: false, firstInvalidSeq: 2, problem: expect.stringMatching(/entry 2 does not match its hash/) });

    const gap = chain(5);
    gap.splice(2, 2);
    expect(run(gap)).toMatchObject({ firstInvalidSeq: 3, problem: expect.stringMatching(/entries 3 to 4 are missing/) });

    const relinked = chain(4);
    const forged = fields(3, { action: 'owner.forged' });
    relinked[2] = { ...forged, prevHash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, forged) };
    expect(run(relinked)).toMatchObject({ firstInvalidSeq: 3, problem: expect.stringMatching(/entry 3 does not link/) });
  });

  it('names the checkpoint seq when the chain was rewritten consistently up to a signed checkpoint', () => {
    const entries = chain(5);
    const signed = checkpointOf(entries[3]);
    let prevHash = entries[1].hash;
    const rewritten = entries.map((entry) => {
      if (entry.seq < 3) return entry;
      const changed = entry.seq === 3 ? { ...fields(3), after: { status: 'rewritten' } } : fields(entry.seq);
      const hash = entryHash(prevHash, changed);
      const result = { ...changed, prevHash, hash };
      prevHash = hash;
      return result;
    });
    expect(run(rewritten)).toMatchObject({ valid: true });
    expect(run(rewritten, [signed])).toMatchObject({ valid: false, firstInvalidSeq: 4, problem: expect.stringMatching(/rewritten/) });
  });

  it('refuses a checkpoint whose signature or fields were altered', () => {
    const entries = chain(3);
    const signed = checkpointOf(entries[1]);
    const flipped = `${signed.signature[0] === 'A' ? 'B' : 'A'}${signed.signature.slice(1)}`;
    expect(run(entries, [{ ...signed, signature: flipped }])).toMatchObject({
      firstInvalidSeq: 2,
      problem: expect.stringMatching(/does not carry a valid signature/),
    });
    expect(run(entries, [{ ...signed, signedAt: '2027-01-01T00:00:00.000Z' }])).toMatchObject({ firstInvalidSeq: 2 });
  });

  it('refuses a checkpoint by another key when the auditor named the key, and compares its hash otherwise', () => {
    const entries = chain(3);
    const other = generateKeyPairSync('ed25519');
    const foreign = signCheckpoint({ seq: 2, hash: entries[1].hash, signedAt: '2026-11-28T11:00:00.000Z' }, other.privateKey, keyIdOf(other.publicKey));
    expect(run(entries, [foreign])).toMatchObject({ firstInvalidSeq: 2, problem: expect.stringMatching(/names key/) });
    expect(run(entries, [foreign], { key, otherKeys: 'hash-only' })).toMatchObject({ valid: true, checkpointsChecked: 1 });
    expect(run(entries, [{ ...foreign, hash: 'f'.repeat(64) }], { key, otherKeys: 'hash-only' })).toMatchObject({ valid: false, firstInvalidSeq: 2 });
  });

  it('checks a checkpoint on the entry just before a partial chain against its first prevHash', () => {
    const entries = chain(6);
    const tail = entries.slice(3);
    expect(run(tail, [checkpointOf(entries[2])])).toMatchObject({ valid: true, checkpointsChecked: 1, checked: 3 });
    const forgedStart = [{ ...tail[0], prevHash: 'e'.repeat(64) }, ...tail.slice(1)];
    expect(run(forgedStart, [checkpointOf(entries[2])])).toMatchObject({ valid: false, firstInvalidSeq: 3 });
  });

  it('refuses a chain that starts at seq 1 from anything but the genesis hash', () => {
    const entries = chain(2);
    const forged = fields(1);
    const start = { ...forged, prevHash: 'a'.repeat(64), hash: entryHash('a'.repeat(64), forged) };
    expect(run([start])).toMatchObject({ valid: false, firstInvalidSeq: 1, problem: expect.stringMatching(/genesis/) });
    expect(run(entries)).toMatchObject({ valid: true });
  });

  it('keeps the first problem when the caller fails it later', () => {
    const check = new ChainCheck({ seq: 1, prevHash: GENESIS_HASH }, { otherKeys: 'hash-only' });
    const entries = chain(2);
    check.feed(entries[0]);
    check.fail(2, 'entry 2 is missing');
    check.fail(5, 'something else');
    expect(check.result()).toMatchObject({ valid: false, firstInvalidSeq: 2, problem: 'entry 2 is missing', headSeq: 1 });
    expect(check.feed(entries[1])).toBe(false);
  });
});

describe('ChainCheck over parts (checkSegment, absorb)', () => {
  const asRow = (entry: ChainedEntry): ExportRow => ({
    ...entry,
    beforeJson: JSON.stringify(entry.before, null, 1),
    afterJson: JSON.stringify(entry.after, null, 1),
  });

  function inParts(entries: ChainedEntry[], size: number, checkpoints: SignedCheckpoint[] = []): ReturnType<ChainCheck['result']> {
    const rows = entries.map(asRow);
    const from = entries[0].seq;
    const to = Math.max(...entries.map((entry) => entry.seq), from);
    const check = new ChainCheck({ seq: from, prevHash: entries[0].prevHash }, { key, otherKeys: 'refuse' });
    check.expectCheckpoints(checkpoints);
    for (let partFrom = from; partFrom <= to; partFrom += size) {
      const partTo = Math.min(to, partFrom + size - 1);
      const part = rows.filter((row) => row.seq >= partFrom && row.seq <= partTo);
      const report = checkSegment(part, partFrom, partTo, checkpoints.map((checkpoint) => checkpoint.seq));
      if (!check.absorb(report)) break;
    }
    return check.result();
  }

  function oneByOne(entries: ChainedEntry[], checkpoints: SignedCheckpoint[] = []): ReturnType<ChainCheck['result']> {
    const check = new ChainCheck({ seq: entries[0].seq, prevHash: entries[0].prevHash }, { key, otherKeys: 'refuse' });
    check.expectCheckpoints(checkpoints);
    for (const entry of entries.map(asRow)) if (!check.feedRow(entry)) break;
    return check.result();
  }

  const cases: Array<[string, () => { entries: ChainedEntry[]; checkpoints?: SignedCheckpoint[] }]> = [
    ['an intact chain', () => ({ entries: chain(23) })],
    ['an edited entry', () => {
      const entries = chain(23);
      entries[14] = { ...entries[14], after: { status: 'forged' } };
      return { entries };
    }],
    ['a deleted entry inside a part', () => {
      const entries = chain(23);
      entries.splice(12, 1);
      return { entries };
    }],
    ['a deleted entry at the start of a part', () => {
      const entries = chain(23);
      entries.splice(10, 1);
      return { entries };
    }],
    ['a relinked forgery at the start of a part', () => {
      const entries = chain(23);
      const forged = fields(11, { action: 'owner.forged' });
      entries[10] = { ...forged, prevHash: entries[9].hash, hash: entryHash(entries[9].hash, forged) };
      return { entries };
    }],
    ['checkpoints that match', () => {
      const entries = chain(23);
      return { entries, checkpoints: [checkpointOf(entries[4]), checkpointOf(entries[9]), checkpointOf(entries[22])] };
    }],
    ['a checkpoint that does not match', () => {
      const entries = chain(23);
      return { entries, checkpoints: [checkpointOf(entries[4]), { ...checkpointOf(entries[16]), signature: checkpointOf(entries[2]).signature }] };
    }],
  ];

  // A gap at the end of a part is named without the next entry found (in the next part), so
  // the wording and the count of entries looked at may differ; the verdict may not.
  const verdict = ({ valid, firstInvalidSeq, headSeq, headHash, checkpointsChecked }: ReturnType<ChainCheck['result']>): object => ({
    valid,
    firstInvalidSeq,
    headSeq,
    headHash,
    checkpointsChecked,
  });

  it.each(cases)('gives the same verdict as feeding one by one: %s', (_name, make) => {
    const { entries, checkpoints } = make();
    const expected = oneByOne(entries, checkpoints);
    for (const size of [1, 5, 10, 100]) {
      const result = inParts(entries, size, checkpoints);
      expect(verdict(result)).toEqual(verdict(expected));
      expect(result.problem === null).toBe(expected.problem === null);
    }
  });

  it('reports a part with no entries as missing', () => {
    expect(checkSegment([], 5, 9, [])).toMatchObject({ failure: { seq: 5, problem: 'entries 5 to 9 are missing' }, checked: 0 });
  });
});
