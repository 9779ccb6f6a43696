import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/*
 * C2SP signed-note and tlog-checkpoint, as far as the registry uses them: the note text is
 * "<origin>\n<tree size>\n<base64 root hash>\n"; each signature line is
 * "— <key name> <base64(4-byte key hash ‖ 64-byte Ed25519 signature)>\n", with
 * key hash = first 4 bytes of SHA-256(<key name> ‖ 0x0A ‖ 0x01 ‖ 32-byte public key), and the
 * signature over the note text. The registry signs with the origin as its key name; each
 * witness with its registered name. Plain Node code: the offline verifier and the witness
 * program use it too.
 */

/** The default origin (AUDIT_LOG_ORIGIN). */
export const DEFAULT_LOG_ORIGIN = 'pa-firearms-registry/audit';

const ED25519_SIGNATURE_TYPE = 0x01;
const EM_DASH = '\u2014';

/** C2SP key names: non-empty, no Unicode spaces, no plus sign. */
export const KEY_NAME_PATTERN = /^[^\s+]+$/u;

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export function checkpointNoteText(body: CheckpointBody): string {
  return `${body.origin}\n${body.treeSize}\n${body.rootHash.toString('base64')}\n`;
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function ed25519PublicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** A public key given as SPKI PEM or as the base64 of its 32 raw bytes; null when it is neither. */
export function parseEd25519PublicKey(text: string): KeyObject | null {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      const key = createPublicKey(trimmed);
      return key.asymmetricKeyType === 'ed25519' ? key : null;
    }
    const raw = Buffer.from(trimmed, 'base64');
    if (raw.length !== 32 || raw.toString('base64') !== trimmed) return null;
    return ed25519PublicKeyFromRaw(raw);
  } catch {
    return null;
  }
}

export function noteKeyHash(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(rawEd25519PublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

/** base64(key hash ‖ signature over the note text): what follows the key name in the line. */
export function signNoteText(text: string, name: string, privateKey: KeyObject, publicKey: KeyObject): string {
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return Buffer.concat([noteKeyHash(name, publicKey), signature]).toString('base64');
}

/** Whether `signature` is the base64 of a 64-byte Ed25519 signature over `text` by `publicKey` (canonical base64 only). */
export function ed25519SignatureValid(text: string, signature: string, publicKey: KeyObject): boolean {
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, bytes);
  } catch {
    return false;
  }
}

export interface NoteSignature {
  name: string;
  /** base64(key hash ‖ signature), as in the line. */
  signature: string;
}

export function signatureLine(entry: NoteSignature): string {
  return `${EM_DASH} ${entry.name} ${entry.signature}\n`;
}

/** The signed note: text, a blank line, then one line per signature. */
export function renderSignedNote(text: string, signatures: readonly NoteSignature[]): string {
  return `${text}\n${signatures.map(signatureLine).join('')}`;
}

export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Splits a signed note; throws a SyntaxError on anything that is not one. */
export function parseSignedNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new SyntaxError('a signed note is text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
      if (!match) throw new SyntaxError(`not a signature line: ${JSON.stringify(line)}`);
      return { name: match[1], signature: match[2] };
    });
  return { text, signatures };
}

/** Whether one of the note's lines is a valid signature by `name` with `publicKey`. */
export function noteSignedBy(note: ParsedNote, name: string, publicKey: KeyObject): boolean {
  const keyHash = noteKeyHash(name, publicKey);
  return note.signatures.some((entry) => {
    if (entry.name !== name) return false;
    const bytes = Buffer.from(entry.signature, 'base64');
    if (bytes.length !== 68 || !bytes.subarray(0, 4).equals(keyHash)) return false;
    return ed25519SignatureValid(note.text, bytes.subarray(4).toString('base64'), publicKey);
  });
}

/** The checkpoint a note's text states; throws a SyntaxError when it is no tlog-checkpoint body. */
export function parseCheckpointText(text: string): CheckpointBody {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new SyntaxError('a checkpoint has an origin, a size and a root, each on its line');
  const [origin, size, root] = lines;
  if (!/^(0|[1-9]\d{0,15})$/.test(size)) throw new SyntaxError(`not a tree size: ${JSON.stringify(size)}`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new SyntaxError('the root hash is not the base64 of 32 bytes');
  return { origin, treeSize: Number(size), rootHash };
}
