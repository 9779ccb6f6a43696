import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { checkpointMessage, checkpointSignatureValid, keyIdOf, signCheckpoint } from './audit-checkpoint.signing';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const fields = { seq: 42, hash: 'ab'.repeat(32), signedAt: '2026-11-28T10:05:00.000Z' };

describe('checkpoint signing', () => {
  it('signs the canonical JSON of hash, seq and signedAt', () => {
    expect(checkpointMessage(fields).toString('utf8')).toBe(
      `{"hash":"${'ab'.repeat(32)}","seq":42,"signedAt":"2026-11-28T10:05:00.000Z"}`,
    );
    const signed = signCheckpoint(fields, privateKey, keyIdOf(publicKey));
    expect(verify(null, checkpointMessage(fields), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
  });

  it('names the key by the first 16 hex of SHA-256 over its DER SPKI, the same from the PEM', () => {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const expected = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
    expect(keyIdOf(publicKey)).toBe(expected);
    expect(keyIdOf(createPublicKey(pem))).toBe(expected);
    expect(keyIdOf(createPublicKey(privateKey))).toBe(expected);
  });

  it('accepts a good signature and refuses any changed field, another key or a damaged signature', () => {
    const signed = signCheckpoint(fields, privateKey, keyIdOf(publicKey));
    expect(checkpointSignatureValid(signed, publicKey)).toBe(true);
    expect(checkpointSignatureValid({ ...signed, seq: 43 }, publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, hash: 'cd'.repeat(32) }, publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signedAt: '2026-11-28T10:05:00.001Z' }, publicKey)).toBe(false);
    expect(checkpointSignatureValid(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    const flipped = signed.signature[5] === 'A' ? 'B' : 'A';
    expect(checkpointSignatureValid({ ...signed, signature: signed.signature.slice(0, 5) + flipped + signed.signature.slice(6) }, publicKey)).toBe(false);
  });

  it('refuses a signature that decodes to the good bytes only because stray characters are skipped', () => {
    const signed = signCheckpoint(fields, privateKey, keyIdOf(publicKey));
    expect(checkpointSignatureValid({ ...signed, signature: `${signed.signature.slice(0, -1)}!` }, publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: `${signed.signature}\n` }, publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...signed, signature: '' }, publicKey)).toBe(false);
  });
});
