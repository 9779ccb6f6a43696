import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ErrorCode } from '../common/error-code';
import { resolveSigningKeys, SigningKeyAbsentError } from './keys';

function pem(kind: 'ed25519' | 'ec'): { privateKey: string; publicKey: string } {
  const pair = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('resolveSigningKeys: the audit key', () => {
  const jwt = pem('ec').privateKey;
  const neverGenerated = (path: string): void => {
    throw new Error(`generated ${path}`);
  };

  it('with the public key alone, checks with it and refuses to sign', () => {
    const audit = pem('ed25519');
    const keys = resolveSigningKeys({ jwtPrivateKey: jwt, auditSigningPublicKey: audit.publicKey }, neverGenerated);
    expect(keys.audit.publicKey.equals(createPublicKey(audit.publicKey))).toBe(true);
    let thrown: unknown;
    try {
      void keys.audit.privateKey;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SigningKeyAbsentError);
    expect((thrown as SigningKeyAbsentError).code).toBe(ErrorCode.ServiceUnavailable);
  });

  it('with the private key, derives the public key, and refuses a public key of another pair', () => {
    const audit = pem('ed25519');
    const keys = resolveSigningKeys({ jwtPrivateKey: jwt, auditSigningPrivateKey: audit.privateKey }, neverGenerated);
    expect(keys.audit.publicKey.equals(createPublicKey(audit.publicKey))).toBe(true);
    expect(keys.audit.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(() =>
      resolveSigningKeys(
        { jwtPrivateKey: jwt, auditSigningPrivateKey: audit.privateKey, auditSigningPublicKey: pem('ed25519').publicKey },
        neverGenerated,
      ),
    ).toThrow('AUDIT_SIGNING_PUBLIC_KEY is not the public key of AUDIT_SIGNING_PRIVATE_KEY');
  });

  it('refuses a public key that is not Ed25519', () => {
    expect(() => resolveSigningKeys({ jwtPrivateKey: jwt, auditSigningPublicKey: pem('ec').publicKey }, neverGenerated)).toThrow(
      'AUDIT_SIGNING_PUBLIC_KEY must be an Ed25519 key',
    );
  });
});
