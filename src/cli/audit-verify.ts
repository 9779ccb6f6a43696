import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type ChainedEntry } from '../audit/chain/audit-chain';
import { ChainCheck, type CheckpointKey } from '../audit/verification/audit-chain-check';
import { keyIdOf, type SignedCheckpoint } from '../audit/checkpoints/audit-checkpoint.signing';
import { noteSignedBy, parseCheckpointText, parseSignedNote } from '../audit/checkpoints/signed-note';
import { appendLeaves, foldPlan, leafHash, type NewNode } from '../audit/tree/merkle';
import { verifyConsistency } from '../audit/tree/merkle-verify';
import { checkCsvHeader, CsvReader, entryFromCsv, entryFromNdjson, ExportFormat, ExportFormatError } from '../audit/export/audit-export.format';

/*
 * Offline verifier of an audit export. It needs Node.js alone: no database, no service and
 * no framework (nothing here may import @nestjs), so an auditor can run it anywhere.
 */

const USAGE = `usage: npm run audit:verify -- --export FILE [--checkpoints FILE --public-key FILE] [--format ndjson|csv] [--require-checkpoint] [--partial]
       npm run audit:verify -- --public-key FILE --consistency OLD_NOTE NEW_NOTE PROOF
  --export FILE          an export from GET /api/v1/audit/export (NDJSON, or CSV when the name ends in .csv)
  --checkpoints FILE     the JSON array from GET /api/v1/audit/checkpoints
  --public-key FILE      the JSON from GET /api/v1/audit/public-key, or its publicKey PEM alone
  --require-checkpoint   fail unless at least one signed checkpoint falls inside the export
  --partial              the export is a deliberate part: checkpoints beyond its last entry are not a failure
  --consistency OLD NEW PROOF
                         two signed checkpoint notes (GET /api/v1/audit/checkpoints/latest, saved at two times)
                         and the JSON of GET /api/v1/audit/proofs/consistency?from=<old size>&to=<new size>:
                         checks both registry signatures and that the newer tree extends the older
Exits 0 when everything checks out, 1 naming the first problem, 2 on a usage error.`;

class UsageError extends Error {}

/** A problem with what was given to verify: reported as the first problem found, exit 1. */
class VerificationFailure extends Error {}

interface Options {
  exportFile: string;
  format: ExportFormat;
  checkpointsFile?: string;
  publicKeyFile?: string;
  requireCheckpoint: boolean;
  partial: boolean;
  consistency?: [string, string, string];
}

function options(): Options {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      options: {
        export: { type: 'string' },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string' },
        format: { type: 'string' },
        'require-checkpoint': { type: 'boolean' },
        partial: { type: 'boolean' },
        consistency: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const consistency = values.consistency ? (positionals as string[]) : undefined;
  if (consistency && consistency.length !== 3) throw new UsageError('--consistency takes three files: the older note, the newer note and the proof');
  if (!consistency && positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if (consistency && !values['public-key']) throw new UsageError('--consistency needs --public-key to check the notes\' signatures');
  if (!values.export && !consistency) throw new UsageError('--export is required');
  if (values.checkpoints && !values['public-key']) throw new UsageError('--checkpoints needs --public-key to check their signatures');
  const format = values.format ?? ((values.export ?? '').toLowerCase().endsWith('.csv') ? ExportFormat.Csv : ExportFormat.Ndjson);
  if (!Object.values(ExportFormat).includes(format as ExportFormat)) throw new UsageError('--format must be ndjson or csv');
  return {
    exportFile: values.export ?? '',
    format: format as ExportFormat,
    checkpointsFile: values.checkpoints,
    publicKeyFile: values['public-key'],
    requireCheckpoint: values['require-checkpoint'] ?? false,
    partial: values.partial ?? false,
    consistency: consistency as [string, string, string] | undefined,
  };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new VerificationFailure(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

function loadKey(file: string): CheckpointKey {
  const text = readText(file, 'public key file');
  let pem = text;
  let claimedKeyId: string | undefined;
  if (text.trimStart().startsWith('{')) {
    let parsed: { publicKey?: unknown; keyId?: unknown; algorithm?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new VerificationFailure(`the public key file ${file} is neither JSON nor PEM`);
    }
    if (typeof parsed.publicKey !== 'string') throw new VerificationFailure(`the public key file ${file} has no publicKey PEM`);
    pem = parsed.publicKey;
    claimedKeyId = typeof parsed.keyId === 'string' ? parsed.keyId : undefined;
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new VerificationFailure(`the public key file ${file} does not hold a PEM public key`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new VerificationFailure(`the public key in ${file} is ${publicKey.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519`);
  }
  const keyId = keyIdOf(publicKey);
  if (claimedKeyId !== undefined && claimedKeyId !== keyId) {
    throw new VerificationFailure(`the public key file says keyId ${claimedKeyId}, but its key's id is ${keyId}`);
  }
  return { keyId, publicKey };
}

type FileCheckpoint = SignedCheckpoint & { rootHash?: string | null };

function loadCheckpoints(file: string): FileCheckpoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file, 'checkpoints file'));
  } catch (error) {
    if (error instanceof VerificationFailure) throw error;
    throw new VerificationFailure(`the checkpoints file ${file} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new VerificationFailure(`the checkpoints file ${file} must hold a JSON array`);
  return parsed.map((item: unknown, index) => {
    const checkpoint = item as Partial<FileCheckpoint> | null;
    const valid =
      checkpoint !== null &&
      typeof checkpoint === 'object' &&
      Number.isSafeInteger(checkpoint.seq) &&
      (checkpoint.seq as number) >= 1 &&
      typeof checkpoint.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(checkpoint.hash) &&
      typeof checkpoint.signedAt === 'string' &&
      typeof checkpoint.keyId === 'string' &&
      typeof checkpoint.signature === 'string' &&
      (checkpoint.rootHash === undefined || checkpoint.rootHash === null || (typeof checkpoint.rootHash === 'string' && /^[0-9a-f]{64}$/.test(checkpoint.rootHash)));
    if (!valid) throw new VerificationFailure(`checkpoint ${index + 1} in ${file} is not {seq, hash, signedAt, keyId, signature, rootHash?}`);
    return checkpoint as FileCheckpoint;
  });
}

/** The export's entries in file order, with where each came from for messages. */
async function* entries(file: string, format: ExportFormat): AsyncGenerator<{ entry: ChainedEntry; where: string }> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(new VerificationFailure(`cannot read the export ${file}: ${error.message}`)));
  });
  await opened;
  if (format === ExportFormat.Ndjson) {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      const where = `${file} line ${line}`;
      try {
        yield { entry: entryFromNdjson(text), where };
      } catch (error) {
        if (error instanceof ExportFormatError) throw new VerificationFailure(`${where}: ${error.message}`);
        throw error;
      }
    }
    return;
  }
  const reader = new CsvReader();
  let headerSeen = false;
  const rows = async function* (): AsyncGenerator<{ row: number; fields: Array<string | null> }> {
    for await (const chunk of input) yield* reader.push(chunk as string);
    yield* reader.end();
  };
  try {
    for await (const { row, fields } of rows()) {
      const where = `${file} row ${row}`;
      try {
        if (!headerSeen) {
          checkCsvHeader(fields);
          headerSeen = true;
          continue;
        }
        yield { entry: entryFromCsv(fields), where };
      } catch (error) {
        if (error instanceof ExportFormatError) throw new VerificationFailure(`${where}: ${error.message}`);
        throw error;
      }
    }
  } catch (error) {
    if (error instanceof ExportFormatError) throw new VerificationFailure(`${file}: ${error.message}`);
    throw error;
  }
  if (!headerSeen) throw new VerificationFailure(`${file} has no header row`);
}

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
