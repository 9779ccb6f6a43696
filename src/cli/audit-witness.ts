import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ed25519PublicKeyFromRaw,
  noteSignedBy,
  parseCheckpointText,
  parseEd25519PublicKey,
  parseSignedNote,
  rawEd25519PublicKey,
} from '../audit/checkpoints/signed-note';
import { verifyConsistency } from '../audit/tree/merkle-verify';

/*
 * The program a witness (an outside body: the Ombudsman's office, a UN agency) runs on its own
 * machine. It cosigns a checkpoint of the registry's audit log only after checking that the
 * registry signed it with the pinned key and that it extends, append-only, the last tree this
 * witness saw (kept in --state). Plain Node.js: no database, no framework.
 */

const USAGE = `usage: npm run audit:witness -- --url BASE --state FILE --key FILE --username NAME [--registry-key FILE]
  --url BASE           the registry's API, e.g. https://registro.example.gob.pa/api/v1
  --state FILE         this witness's memory: the pinned registry key and origin, and the last tree it cosigned
  --key FILE           the witness's Ed25519 private key (PKCS#8 PEM), the one registered with POST /audit/witnesses
  --username NAME      the registry user holding the witness role; its password is read from AUDIT_WITNESS_PASSWORD
  --registry-key FILE  the registry's public key (PEM, or the JSON of GET /audit/public-key); without it the key
                       is pinned on first use and kept in --state
Exits 0 after cosigning (or when the checkpoint was already cosigned), 1 when the checkpoint is refused
(bad signature, rollback, fork), 2 on a usage, network or server error. Nothing is cosigned unless it exits 0.`;

class UsageError extends Error {}
/** The checkpoint must not be cosigned: a bad signature, a rollback or a fork. */
class Refusal extends Error {}

interface State {
  origin: string;
  /** Base64 of the registry's 32-byte Ed25519 key. */
  registryKey: string;
  treeSize: number;
  /** Hex. */
  rootHash: string;
}

interface Options {
  url: string;
  stateFile: string;
  keyFile: string;
  username: string;
  password: string;
  registryKeyFile?: string;
}

function options(): Options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        state: { type: 'string' },
        key: { type: 'string' },
        username: { type: 'string' },
        'registry-key': { type: 'string' },
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
  for (const name of ['url', 'state', 'key', 'username'] as const) if (!values[name]) throw new UsageError(`--${name} is required`);
  const password = process.env.AUDIT_WITNESS_PASSWORD;
  if (!password) throw new UsageError('AUDIT_WITNESS_PASSWORD must hold the witness user’s password');
  return {
    url: (values.url as string).replace(/\/+$/, ''),
    stateFile: values.state as string,
    keyFile: values.key as string,
    username: values.username as string,
    password,
    registryKeyFile: values['registry-key'],
  };
}

function say(line: string): void {
  process.stdout.write(`audit-witness: ${line}\n`);
}

function readState(file: string): State | null {
  if (!existsSync(file)) return null;
  const state = JSON.parse(readFileSync(file, 'utf8')) as State;
  if (typeof state.origin !== 'string' || typeof state.registryKey !== 'string' || !Number.isSafeInteger(state.treeSize) || !/^[0-9a-f]{64}$/.test(state.rootHash)) {
    throw new UsageError(`the state file ${file} is not one this program wrote`);
  }
  return state;
}

/** Written whole or not at all. */
function writeState(file: string, state: State): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

function loadRegistryKey(file: string): KeyObject {
  const text = readFileSync(file, 'utf8');
  const pem = text.trimStart().startsWith('{') ? (JSON.parse(text) as { publicKey?: string }).publicKey ?? '' : text;
  const key = parseEd25519PublicKey(pem);
  if (!key) throw new UsageError(`${file} holds no Ed25519 public key`);
  return key;
}

class Registry {
  private token = '';

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const body = (await this.call('POST', '/auth/login', { username, password })) as { accessToken: string };
    this.token = body.accessToken;
  }

  async call(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<unknown> {
    const response = await this.request(method, path, body, accept);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return accept === 'application/json' ? response.json() : response.text();
  }

  request(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: {
        accept,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

async function main(): Promise<void> {
  const given = options();
  const witnessKey = createPrivateKey(readFileSync(given.keyFile, 'utf8'));
  if (witnessKey.asymmetricKeyType !== 'ed25519') throw new UsageError(`${given.keyFile} is not an Ed25519 private key`);
  const state = readState(given.stateFile);
  const registry = new Registry(given.url);
  await registry.login(given.username, given.password);

  const noteText = (await registry.call('GET', '/audit/checkpoints/latest', undefined, 'text/plain')) as string;
  let note;
  let checkpoint;
  try {
    note = parseSignedNote(noteText);
    checkpoint = parseCheckpointText(note.text);
  } catch (error) {
    throw new Refusal(`the latest checkpoint is not a signed tree head: ${(error as Error).message}`);
  }
  if (state && checkpoint.origin !== state.origin) {
    throw new Refusal(`the checkpoint names the log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(state.origin)} as before`);
  }
  const registryKey = given.registryKeyFile
    ? loadRegistryKey(given.registryKeyFile)
    : state
      ? ed25519PublicKeyFromRaw(Buffer.from(state.registryKey, 'base64'))
      : createPublicKey((((await registry.call('GET', '/audit/public-key')) as { publicKey: string }).publicKey));
  if (state && !rawEd25519PublicKey(registryKey).equals(Buffer.from(state.registryKey, 'base64'))) {
    throw new Refusal('the registry key given is not the one pinned in the state file');
  }
  if (!noteSignedBy(note, checkpoint.origin, registryKey)) {
    throw new Refusal(`the checkpoint of size ${checkpoint.treeSize} does not carry a valid signature by the registry key`);
  }
  const root = checkpoint.rootHash.toString('hex');
  say(`checkpoint ${checkpoint.origin} size ${checkpoint.treeSize} root ${root}: registry signature valid`);

  // The log must still hold every entry its own checkpoint covers.
  const head = (await registry.call('GET', '/audit/tree-head')) as { treeSize: number; rootHash: string };
  if (head.treeSize < checkpoint.treeSize) {
    throw new Refusal(
      `ROLLBACK: the log now holds ${head.treeSize} entries, fewer than the ${checkpoint.treeSize} its latest checkpoint signed`,
    );
  }

  if (state) {
    if (checkpoint.treeSize < state.treeSize) {
      throw new Refusal(`ROLLBACK: the latest checkpoint has ${checkpoint.treeSize} entries, fewer than the ${state.treeSize} seen before`);
    }
    if (checkpoint.treeSize === state.treeSize) {
      if (root !== state.rootHash) throw new Refusal(`FORK: size ${state.treeSize} had root ${state.rootHash}, now ${root}`);
    } else {
      const response = await registry.request('GET', `/audit/proofs/consistency?from=${state.treeSize}&to=${checkpoint.treeSize}`);
      if (!response.ok) {
        throw new Refusal(`no consistency proof from ${state.treeSize} to ${checkpoint.treeSize}: ${response.status} ${await response.text()}`);
      }
      const { proof } = (await response.json()) as { proof: string[] };
      const hashes = Array.isArray(proof) && proof.every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) ? proof : null;
      if (
        !hashes ||
        !verifyConsistency(state.treeSize, checkpoint.treeSize, Buffer.from(state.rootHash, 'hex'), checkpoint.rootHash, hashes.map((hash) => Buffer.from(hash, 'hex')))
      ) {
        throw new Refusal(`FORK: the tree of ${checkpoint.treeSize} entries does not extend the tree of ${state.treeSize} seen before (root ${state.rootHash})`);
      }
      say(`consistent with the tree of ${state.treeSize} entries seen before`);
    }
  } else {
    say('first run: the registry key and this checkpoint are pinned from now on');
  }

  const signature = sign(null, Buffer.from(note.text, 'utf8'), witnessKey).toString('base64');
  const posted = await registry.request('POST', `/audit/checkpoints/${checkpoint.treeSize}/cosignatures`, { signature });
  if (posted.status === 409) say(`checkpoint ${checkpoint.treeSize} was already cosigned by this witness`);
  else if (posted.status !== 201) throw new Error(`posting the cosignature: ${posted.status} ${await posted.text()}`);
  else say(`cosigned checkpoint ${checkpoint.treeSize}`);
  writeState(given.stateFile, {
    origin: checkpoint.origin,
    registryKey: rawEd25519PublicKey(registryKey).toString('base64'),
    treeSize: checkpoint.treeSize,
    rootHash: root,
  });
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`audit-witness: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (error instanceof Refusal) {
    process.stderr.write(`audit-witness: REFUSED, nothing cosigned: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`audit-witness: ERROR, nothing cosigned: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
