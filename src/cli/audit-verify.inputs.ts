import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type ChainedEntry } from '../audit/chain/audit-chain';
import { type CheckpointKey } from '../audit/verification/audit-chain-check';
import { keyIdOf, type SignedCheckpoint } from '../audit/checkpoints/audit-checkpoint.signing';
import { ExportFormat, ExportFormatError } from '../audit/export/audit-export.format';
import { checkCsvHeader, CsvReader, entryFromCsv, entryFromNdjson } from '../audit/export/audit-export.reader';

/* What audit:verify is given: its options, the public key, the checkpoints and the export's entries, read and checked. */

export const USAGE = `usage: npm run audit:verify -- --export FILE [--checkpoints FILE --public-key FILE] [--format ndjson|csv] [--require-checkpoint] [--partial]
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

export class UsageError extends Error {}

/** A problem with what was given to verify: reported as the first problem found, exit 1. */
export class VerificationFailure extends Error {}

export interface Options {
  exportFile: string;
  format: ExportFormat;
  checkpointsFile?: string;
  publicKeyFile?: string;
  requireCheckpoint: boolean;
  partial: boolean;
  consistency?: [string, string, string];
}

export function options(): Options {
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

export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new VerificationFailure(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
}

export function loadKey(file: string): CheckpointKey {
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

export type FileCheckpoint = SignedCheckpoint & { rootHash?: string | null };

export function loadCheckpoints(file: string): FileCheckpoint[] {
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
export async function* entries(file: string, format: ExportFormat): AsyncGenerator<{ entry: ChainedEntry; where: string }> {
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
