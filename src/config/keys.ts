import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SigningKeys {
  jwt: { privateKey: KeyObject; publicKey: KeyObject };
  audit: { privateKey: KeyObject; publicKey: KeyObject };
}

export interface KeySources {
  jwtPrivateKey?: string;
  auditSigningPrivateKey?: string;
}

/** Where development key pairs are kept when none is configured (git-ignored). */
export const DEV_KEYS_DIR = resolve(process.env.DEV_KEYS_DIR ?? '.keys');

/**
 * Configured keys win. Outside production a missing key is generated once into DEV_KEYS_DIR
 * and reused on later starts; `onGenerated` lets the caller log that it happened.
 */
export function resolveSigningKeys(sources: KeySources, onGenerated: (path: string) => void): SigningKeys {
  const jwt = sources.jwtPrivateKey
    ? createPrivateKey(sources.jwtPrivateKey)
    : devKey('jwt-es256.pem', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, onGenerated);
  const audit = sources.auditSigningPrivateKey
    ? createPrivateKey(sources.auditSigningPrivateKey)
    : devKey('audit-ed25519.pem', () => generateKeyPairSync('ed25519').privateKey, onGenerated);
  if (jwt.asymmetricKeyType !== 'ec' || jwt.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('JWT_PRIVATE_KEY must be a P-256 (ES256) key');
  }
  if (audit.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_SIGNING_PRIVATE_KEY must be an Ed25519 key');
  }
  return {
    jwt: { privateKey: jwt, publicKey: createPublicKey(jwt) },
    audit: { privateKey: audit, publicKey: createPublicKey(audit) },
  };
}

function devKey(file: string, generate: () => KeyObject, onGenerated: (path: string) => void): KeyObject {
  const path = join(DEV_KEYS_DIR, file);
  if (existsSync(path)) return createPrivateKey(readFileSync(path, 'utf8'));
  mkdirSync(DEV_KEYS_DIR, { recursive: true, mode: 0o700 });
  const key = generate();
  writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  onGenerated(path);
  return key;
}
