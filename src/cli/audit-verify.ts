import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type ChainedEntry } from '../audit/chain/audit-chain';
import { ChainCheck, type CheckpointKey } from '../audit/verification/audit-chain-check';
import { keyIdOf, type SignedCheckpoint } from '../audit/checkpoints/audit-checkpoint.signing';
import { checkCsvHeader, CsvReader, entryFromCsv, entryFromNdjson, ExportFormat, ExportFormatError } from '../audit/export/audit-export.format';

/*
 * Offline verifier of an audit export. It needs Node.js alone: no database, no service and
 * no framework (nothing here may import @nestjs), so an auditor can run it anywhere.
 */

const USAGE = `usage: npm run audit:verify -- --export FILE [--checkpoints FILE --public-key FILE] [--format ndjson|csv] [--require-checkpoint]
  --export FILE          an export from GET /api/v1/audit/export (NDJSON, or CSV when the name ends in .csv)
  --checkpoints FILE     the JSON array from GET /api/v1/audit/checkpoints
  --public-key FILE      the JSON from GET /api/v1/audit/public-key, or its publicKey PEM alone
  --require-checkpoint   fail unless at least one signed checkpoint falls inside the export
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
}

function options(): Options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        export: { type: 'string' },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string' },
        format: { type: 'string' },
        'require-checkpoint': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.export) throw new UsageError('--export is required');
  if (values.checkpoints && !values['public-key']) throw new UsageError('--checkpoints needs --public-key to check their signatures');
  const format = values.format ?? (values.export.toLowerCase().endsWith('.csv') ? ExportFormat.Csv : ExportFormat.Ndjson);
  if (!Object.values(ExportFormat).includes(format as ExportFormat)) throw new UsageError('--format must be ndjson or csv');
  return {
    exportFile: values.export,
    format: format as ExportFormat,
    checkpointsFile: values.checkpoints,
    publicKeyFile: values['public-key'],
    requireCheckpoint: values['require-checkpoint'] ?? false,
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

function loadCheckpoints(file: string): SignedCheckpoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(file, 'checkpoints file'));
  } catch (error) {
    if (error instanceof VerificationFailure) throw error;
    throw new VerificationFailure(`the checkpoints file ${file} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new VerificationFailure(`the checkpoints file ${file} must hold a JSON array`);
  return parsed.map((item: unknown, index) => {
    const checkpoint = item as Partial<SignedCheckpoint> | null;
    const valid =
      checkpoint !== null &&
      typeof checkpoint === 'object' &&
      Number.isSafeInteger(checkpoint.seq) &&
      (checkpoint.seq as number) >= 1 &&
      typeof checkpoint.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(checkpoint.hash) &&
      typeof checkpoint.signedAt === 'string' &&
      typeof checkpoint.keyId === 'string' &&
      typeof checkpoint.signature === 'string';
    if (!valid) throw new VerificationFailure(`checkpoint ${index + 1} in ${file} is not {seq, hash, signedAt, keyId, signature}`);
    return checkpoint as SignedCheckpoint;
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

async function main(): Promise<void> {
  const given = options();
  const key = given.publicKeyFile ? loadKey(given.publicKeyFile) : undefined;
  const checkpoints = given.checkpointsFile ? loadCheckpoints(given.checkpointsFile) : [];
  let check: ChainCheck | undefined;
  let firstSeq = 0;
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
