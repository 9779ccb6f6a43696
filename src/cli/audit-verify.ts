import { ChainCheck, type CheckpointKey } from '../audit/verification/audit-chain-check';
import { noteSignedBy, parseCheckpointText, parseSignedNote } from '../audit/checkpoints/signed-note';
import { appendLeaves, foldPlan, leafHash, type NewNode } from '../audit/tree/merkle';
import { verifyConsistency } from '../audit/tree/merkle-verify';
import { entries, loadCheckpoints, loadKey, options, readText, USAGE, UsageError, VerificationFailure } from './audit-verify.inputs';

/*
 * Offline verifier of an audit export. It needs Node.js alone: no database, no service and
 * no framework (nothing here may import @nestjs), so an auditor can run it anywhere.
 */

function say(line: string): void {
  process.stdout.write(`audit-verify: ${line}\n`);
}

/** --consistency: both notes signed by the registry, and the newer tree an append-only extension of the older. */
function checkConsistency(files: [string, string, string], key: CheckpointKey): void {
  const [older, newer] = files.slice(0, 2).map((file) => {
    let note;
    let body;
    try {
      note = parseSignedNote(readText(file, 'checkpoint note'));
      body = parseCheckpointText(note.text);
    } catch (error) {
      if (error instanceof VerificationFailure) throw error;
      throw new VerificationFailure(`${file} is not a signed checkpoint note: ${(error as Error).message}`);
    }
    if (!noteSignedBy(note, body.origin, key.publicKey)) {
      throw new VerificationFailure(`${file}: the checkpoint of size ${body.treeSize} carries no valid signature by key ${key.keyId} under the name ${body.origin}`);
    }
    return body;
  });
  if (older.origin !== newer.origin) throw new VerificationFailure(`the notes are of two logs: ${older.origin} and ${newer.origin}`);
  if (newer.treeSize < older.treeSize) {
    throw new VerificationFailure(`ROLLBACK: the newer checkpoint has ${newer.treeSize} entries, the older ${older.treeSize}`);
  }
  let proof: { from?: unknown; to?: unknown; proof?: unknown };
  try {
    proof = JSON.parse(readText(files[2], 'consistency proof')) as typeof proof;
  } catch (error) {
    if (error instanceof VerificationFailure) throw error;
    throw new VerificationFailure(`the consistency proof ${files[2]} is not valid JSON`);
  }
  const hashes = proof.proof;
  if (proof.from !== older.treeSize || proof.to !== newer.treeSize || !Array.isArray(hashes) || !hashes.every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))) {
    throw new VerificationFailure(`${files[2]} is not the consistency proof from ${older.treeSize} to ${newer.treeSize}`);
  }
  const path = (hashes as string[]).map((hash) => Buffer.from(hash, 'hex'));
  if (!verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, path)) {
    throw new VerificationFailure(`FORK: the tree of ${newer.treeSize} entries does not extend the tree of ${older.treeSize} entries`);
  }
  say(`the checkpoint of ${newer.treeSize} entries extends the checkpoint of ${older.treeSize} entries; both signed by key ${key.keyId}`);
}

async function main(): Promise<void> {
  const given = options();
  const key = given.publicKeyFile ? loadKey(given.publicKeyFile) : undefined;
  if (given.consistency) {
    checkConsistency(given.consistency, key as CheckpointKey);
    if (!given.exportFile) {
      say('OK');
      return;
    }
  }
  const checkpoints = given.checkpointsFile ? loadCheckpoints(given.checkpointsFile) : [];
  let check: ChainCheck | undefined;
  let firstSeq = 0;
  // From seq 1 the Merkle tree is rebuilt as the entries stream (its right edge only), and each
  // checkpoint's signed root is held against it.
  const roots = new Map(checkpoints.filter((checkpoint) => checkpoint.rootHash).map((checkpoint) => [checkpoint.seq, checkpoint.rootHash as string]));
  let edge: NewNode[] = [];
  let rootsChecked = 0;
  for await (const { entry, where } of entries(given.exportFile, given.format)) {
    if (!check) {
      firstSeq = entry.seq;
      check = new ChainCheck({ seq: entry.seq, prevHash: entry.prevHash }, { key, otherKeys: 'refuse' });
      check.expectCheckpoints(checkpoints);
    }
    if (!check.feed(entry)) {
      const { firstInvalidSeq, problem } = check.result();
      throw new VerificationFailure(`seq ${firstInvalidSeq} (${where}): ${problem}`);
    }
    if (firstSeq === 1) {
      edge = appendLeaves(entry.seq - 1, edge, [leafHash(Buffer.from(entry.hash, 'hex'))]).edge;
      const signedRoot = roots.get(entry.seq);
      if (signedRoot !== undefined) {
        const root = foldPlan(edge, (ref) => (ref as NewNode).hash).toString('hex');
        if (root !== signedRoot) {
          throw new VerificationFailure(`seq ${entry.seq} (${where}): the checkpoint signed the root ${signedRoot}, but the tree of the export's entries 1 to ${entry.seq} has the root ${root}`);
        }
        rootsChecked += 1;
      }
    }
  }
  if (!check) throw new VerificationFailure(`the export ${given.exportFile} holds no entries`);
  const result = check.result();
  const inRange = checkpoints.filter((checkpoint) => checkpoint.seq >= firstSeq - 1 && checkpoint.seq <= result.headSeq);
  say(`entries ${firstSeq} to ${result.headSeq} (${result.checked}) recompute and link; the hash at ${result.headSeq} is ${result.headHash}`);
  if (firstSeq > 1) {
    const anchored = inRange.some((checkpoint) => checkpoint.seq === firstSeq - 1);
    say(
      `the link of entry ${firstSeq} to entry ${firstSeq - 1} is taken as given` +
        (anchored ? `, and the checkpoint at seq ${firstSeq - 1} vouches for it` : ''),
    );
  }
  if (key) {
    say(
      result.checkpointsChecked > 0
        ? `${result.checkpointsChecked} checkpoint(s) inside the export match the chain and carry valid signatures by key ${key.keyId} ` +
            `(seq ${inRange.map((checkpoint) => checkpoint.seq).join(', ')})`
        : 'no signed checkpoint falls inside the export: the chain is consistent, but nothing here vouches that it is the registry\'s',
    );
    if (rootsChecked > 0) say(`${rootsChecked} signed tree root(s) match the Merkle tree of the export's entries`);
    const beyond = checkpoints.filter((checkpoint) => checkpoint.seq > result.headSeq).sort((a, b) => a.seq - b.seq);
    if (beyond.length > 0 && !given.partial) {
      const last = beyond[beyond.length - 1];
      throw new VerificationFailure(
        `the checkpoint at seq ${last.seq} lies beyond the export's last entry (${result.headSeq}): entries ${result.headSeq + 1} to ${last.seq} ` +
          'are missing, so the log was cut back, or the export is a part (say so with --partial)',
      );
    }
    const outside = checkpoints.length - inRange.length;
    if (outside > 0) say(`${outside} checkpoint(s) lie outside the export and were not checked`);
  } else {
    say('no checkpoints given: the chain is consistent, but nothing here vouches that it is the registry\'s');
  }
  if (given.requireCheckpoint && result.checkpointsChecked === 0) {
    throw new VerificationFailure('--require-checkpoint: no signed checkpoint falls inside the export');
  }
  say('OK');
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`audit-verify: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const message = error instanceof VerificationFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`audit-verify: FAILED: ${message}\n`);
  process.exit(1);
});
