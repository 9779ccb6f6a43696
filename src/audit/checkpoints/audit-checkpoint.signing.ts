import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../chain/canonical-json';

export const CHECKPOINT_ALGORITHM = 'Ed25519';

/** What a checkpoint vouches for: the chain's hash at `seq`, as of `signedAt` (ISO 8601 UTC, milliseconds). */
export interface CheckpointFields {
  seq: number;
  hash: string;
  signedAt: string;
}

export interface SignedCheckpoint extends CheckpointFields {
  keyId: string;
  /** Base64 of the 64-byte Ed25519 signature over `checkpointMessage`. */
  signature: string;
}

/**
 * The exact bytes signed: the UTF-8 canonical JSON `{"hash":"<64 hex>","seq":<n>,"signedAt":"<ISO>"}`
 * (keys sorted, no white space), so an auditor can rebuild it from the published fields alone.
 */
export function checkpointMessage(fields: CheckpointFields): Buffer {
  return Buffer.from(canonicalJson({ hash: fields.hash, seq: fields.seq, signedAt: fields.signedAt }), 'utf8');
}

/** First 16 hex characters of SHA-256 over the public key's DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject, keyId: string): SignedCheckpoint {
  const signature = sign(null, checkpointMessage(fields), privateKey).toString('base64');
  return { seq: fields.seq, hash: fields.hash, signedAt: fields.signedAt, keyId, signature };
}

/**
 * Only the canonical base64 of exactly 64 bytes is accepted: Node's decoder skips characters
 * outside the alphabet, so a damaged signature could otherwise still decode to the good one.
 */
export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (typeof checkpoint.signature !== 'string') return false;
  const bytes = Buffer.from(checkpoint.signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== checkpoint.signature) return false;
  try {
    return verify(null, checkpointMessage(checkpoint), publicKey, bytes);
  } catch {
    return false;
  }
}
