import { msg } from '../i18n/message';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';

export interface SigningKeys {
  jwt: { privateKey: KeyObject; publicKey: KeyObject };
  audit: { privateKey: KeyObject; publicKey: KeyObject };
}

export interface KeySources {
  jwtPrivateKey?: string;
  auditSigningPrivateKey?: string;
  auditSigningPublicKey?: string;
}

/**
 * Signing asked of a process that was given the audit public key alone (an API with
 * WORKERS=off): the workers hold the private key and sign the scheduled checkpoints.
 */
export class SigningKeyAbsentError extends DomainError {
  constructor() {
    super(ErrorCode.ServiceUnavailable, msg('problem.noSigningKey'));
    this.name = 'SigningKeyAbsentError';
  }
}

/**
 * The audit key pair of a process that only checks: `privateKey` throws SigningKeyAbsentError
 * when read, so whatever would sign fails as a request that cannot be served, and the key is
 * never invented.
 */
function publicOnly(publicKey: KeyObject): SigningKeys['audit'] {
  return {
    publicKey,
    get privateKey(): KeyObject {
      throw new SigningKeyAbsentError();
    },
  };
}

function auditKeys(sources: KeySources, onGenerated: (path: string) => void): SigningKeys['audit'] {
  const configuredPublic = sources.auditSigningPublicKey ? createPublicKey(sources.auditSigningPublicKey) : undefined;
  if (configuredPublic && configuredPublic.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_SIGNING_PUBLIC_KEY must be an Ed25519 key');
  }
  if (!sources.auditSigningPrivateKey && configuredPublic) return publicOnly(configuredPublic);
  const privateKey = sources.auditSigningPrivateKey
    ? createPrivateKey(sources.auditSigningPrivateKey)
    : devKey('audit-ed25519.pem', () => generateKeyPairSync('ed25519').privateKey, onGenerated);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_SIGNING_PRIVATE_KEY must be an Ed25519 key');
  }
  const publicKey = createPublicKey(privateKey);
  if (configuredPublic && !configuredPublic.equals(publicKey)) {
    throw new Error('AUDIT_SIGNING_PUBLIC_KEY is not the public key of AUDIT_SIGNING_PRIVATE_KEY');
  }
  return { privateKey, publicKey };
}

/** Where development key pairs are kept when none is configured (git-ignored). */
export const DEV_KEYS_DIR = resolve(process.env.DEV_KEYS_DIR ?? '.keys');

/**
 * Configured keys win. Outside production a missing key is generated once into DEV_KEYS_DIR
 * and reused on later starts; `onGenerated` lets the caller log that it happened. The audit
 * public key alone (AUDIT_SIGNING_PUBLIC_KEY, no private key) makes a process that checks
 * checkpoints but cannot sign them.
 */
export function resolveSigningKeys(sources: KeySources, onGenerated: (path: string) => void): SigningKeys {
  const jwt = sources.jwtPrivateKey
    ? createPrivateKey(sources.jwtPrivateKey)
    : devKey('jwt-es256.pem', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, onGenerated);
  if (jwt.asymmetricKeyType !== 'ec' || jwt.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('JWT_PRIVATE_KEY must be a P-256 (ES256) key');
  }
  return {
    jwt: { privateKey: jwt, publicKey: createPublicKey(jwt) },
    audit: auditKeys(sources, onGenerated),
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
