import type { KeyObject } from 'node:crypto';
import { type ChainedEntry, entryHash, GENESIS_HASH, type VerifyResult } from '../chain/audit-chain';
import { rowHashMatches } from '../chain/audit-chain-text';
import { checkpointSignatureValid, type SignedCheckpoint } from '../checkpoints/audit-checkpoint.signing';
import { type ExportRow } from '../export/audit-export.format';

export interface ChainReport extends VerifyResult {
  /** What is wrong at firstInvalidSeq, in words; null when the chain is valid. */
  problem: string | null;
  /** Signed checkpoints compared with the recomputed chain. */
  checkpointsChecked: number;
}

export interface CheckpointKey {
  keyId: string;
  publicKey: KeyObject;
}

export interface ChainCheckOptions {
  /** The key checkpoints are signed with; a checkpoint it signed must carry a valid signature. */
  key?: CheckpointKey;
  /**
   * A checkpoint signed by another key: `hash-only` compares its hash (the service, which only
   * holds its current key after a rotation); `refuse` fails (an auditor who named the key).
   */
  otherKeys: 'hash-only' | 'refuse';
}

/** What a part of the chain, checked on its own from its first prevHash, says about itself. */
export interface SegmentReport {
  from: number;
  to: number;
  /** prevHash of the entry at `from`, when that entry exists. */
  firstPrevHash: string | null;
  lastSeq: number;
  lastHash: string;
  checked: number;
  failure: { seq: number; problem: string } | null;
  /** The verified hash at each seq asked for (the checkpoints inside the part). */
  hashes: Array<[number, string]>;
}

/**
 * Checks a chain fed in seq order, one entry at a time, in constant memory: an edited entry
 * fails its own hash, a deleted one leaves a gap in seq, an inserted one breaks the link to
 * its neighbour or the sequence. It says why in words, and holds the chain against signed
 * checkpoints, each of which must match the chain's hash at its seq; checkpoints are
 * announced before the entries they sign. Parts checked elsewhere (worker threads) are
 * absorbed whole, in order, with the same outcome as feeding their entries.
 */
export class ChainCheck {
  private readonly pending = new Map<number, SignedCheckpoint>();
  private expectedSeq: number;
  private prevHash: string;
  private checkedCount = 0;
  private firstInvalid: number | null = null;
  private problemText: string | null = null;
  private checkpointCount = 0;
  private started = false;

  constructor(
    private readonly start: { seq: number; prevHash: string },
    private readonly options: ChainCheckOptions,
  ) {
    this.expectedSeq = start.seq;
    this.prevHash = start.prevHash;
  }

  expectCheckpoints(checkpoints: Iterable<SignedCheckpoint>): void {
    for (const checkpoint of checkpoints) this.pending.set(checkpoint.seq, checkpoint);
  }

  /** Returns false once the chain is broken; later entries are not examined. */
  feed(entry: ChainedEntry): boolean {
    return this.advance(entry, () => entryHash(entry.prevHash, entry) === entry.hash);
  }

  /** As feed, for an entry whose before and after are JSON text. */
  feedRow(row: ExportRow): boolean {
    return this.advance(row, () => rowHashMatches(row));
  }

  /** Takes in a part that starts where the chain so far ends. */
  absorb(part: SegmentReport): boolean {
    if (!this.valid) return false;
    if (!this.started && !this.checkStart()) return false;
    if (part.from !== this.expectedSeq) throw new Error(`part starts at ${part.from}, ${this.expectedSeq} expected`);
    if (part.firstPrevHash !== null && part.firstPrevHash !== this.prevHash) {
      this.checkedCount += 1;
      this.fail(part.from, linkProblem(part.from, part.firstPrevHash, this.prevHash));
      return false;
    }
    const hashes = new Map(part.hashes);
    const checkedUpTo = part.failure ? part.failure.seq - 1 : part.lastSeq;
    const due = [...this.pending.keys()].filter((seq) => seq >= part.from && seq <= checkedUpTo).sort((a, b) => a - b);
    for (const seq of due) {
      const checkpoint = this.pending.get(seq) as SignedCheckpoint;
      this.pending.delete(seq);
      const chainHash = hashes.get(seq);
      if (chainHash === undefined) throw new Error(`no hash reported for the checkpoint at ${seq}`);
      if (!this.checkCheckpoint(checkpoint, chainHash)) {
        this.checkedCount += seq - part.from + 1;
        this.expectedSeq = seq + 1;
        this.prevHash = chainHash;
        return false;
      }
    }
    this.checkedCount += part.checked;
    if (part.lastSeq >= part.from) {
      this.expectedSeq = part.lastSeq + 1;
      this.prevHash = part.lastHash;
    }
    if (part.failure) {
      this.fail(part.failure.seq, part.failure.problem);
      return false;
    }
    return true;
  }

  /** Marks the chain broken at `seq` for a reason only the caller can see (the recorded head, a missing tail). */
  fail(seq: number, problem: string): void {
    if (this.problemText !== null) return;
    this.problemText = problem;
    this.firstInvalid = seq;
  }

  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  get headHash(): string {
    return this.prevHash;
  }

  get valid(): boolean {
    return this.problemText === null;
  }

  result(): ChainReport {
    return {
      valid: this.valid,
      checked: this.checkedCount,
      headSeq: this.lastSeq,
      headHash: this.prevHash,
      firstInvalidSeq: this.firstInvalid,
      problem: this.problemText,
      checkpointsChecked: this.checkpointCount,
    };
  }

  private advance(entry: { seq: number; prevHash: string; hash: string }, hashMatches: () => boolean): boolean {
    if (!this.valid) return false;
    if (!this.started && !this.checkStart()) return false;
    this.checkedCount += 1;
    if (entry.seq !== this.expectedSeq) {
      this.fail(Math.min(entry.seq, this.expectedSeq), seqProblem(entry.seq, this.expectedSeq));
      return false;
    }
    if (entry.prevHash !== this.prevHash) {
      this.fail(entry.seq, linkProblem(entry.seq, entry.prevHash, this.prevHash));
      return false;
    }
    if (!hashMatches()) {
      this.fail(entry.seq, `entry ${entry.seq} does not match its hash: its contents were changed after it was written`);
      return false;
    }
    this.prevHash = entry.hash;
    this.expectedSeq += 1;
    if (this.pending.size > 0) {
      const checkpoint = this.pending.get(entry.seq);
      if (checkpoint) {
        this.pending.delete(entry.seq);
        return this.checkCheckpoint(checkpoint, entry.hash);
      }
    }
    return true;
  }

  /** The first entry's link is taken as given, unless it claims to be the genesis or a checkpoint signs it. */
  private checkStart(): boolean {
    this.started = true;
    if (this.start.seq === 1 && this.start.prevHash !== GENESIS_HASH) {
      this.fail(1, `entry 1 does not start from the genesis hash (64 zeros): its prevHash is ${this.start.prevHash}`);
      return false;
    }
    const anchor = this.pending.get(this.start.seq - 1);
    if (!anchor) return true;
    this.pending.delete(anchor.seq);
    return this.checkCheckpoint(anchor, this.start.prevHash);
  }

  private checkCheckpoint(checkpoint: SignedCheckpoint, chainHash: string): boolean {
    this.checkpointCount += 1;
    const { key, otherKeys } = this.options;
    if (key && checkpoint.keyId === key.keyId) {
      if (!checkpointSignatureValid(checkpoint, key.publicKey)) {
        this.fail(checkpoint.seq, `the checkpoint at seq ${checkpoint.seq} does not carry a valid signature by key ${key.keyId}`);
        return false;
      }
    } else if (otherKeys === 'refuse') {
      const expected = key ? `the given key ${key.keyId}` : 'a known key';
      this.fail(checkpoint.seq, `the checkpoint at seq ${checkpoint.seq} names key ${checkpoint.keyId}, not ${expected}`);
      return false;
    }
    if (checkpoint.hash !== chainHash) {
      this.fail(
        checkpoint.seq,
        `the chain's hash at seq ${checkpoint.seq} is ${chainHash}, but the checkpoint signed ${checkpoint.hash}: ` +
          'the entries up to it were rewritten',
      );
      return false;
    }
    return true;
  }
}

function seqProblem(seq: number, expectedSeq: number): string {
  if (seq < expectedSeq) return `entry ${seq} is out of sequence: entry ${expectedSeq} was expected`;
  return seq === expectedSeq + 1
    ? `entry ${expectedSeq} is missing (the next entry found is ${seq})`
    : `entries ${expectedSeq} to ${seq - 1} are missing (the next entry found is ${seq})`;
}

function linkProblem(seq: number, prevHash: string, expected: string): string {
  return `entry ${seq} does not link to the entry before it: its prevHash is ${prevHash}, the hash before it is ${expected}`;
}
