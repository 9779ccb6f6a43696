import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand, so tests can forge what a client library would refuse to make. */
export function forgeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signer: { es256?: KeyObject | string; hs256?: string | Buffer } = {},
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  let signature = '';
  if (signer.es256) {
    const key = typeof signer.es256 === 'string' ? createPrivateKey(signer.es256) : signer.es256;
    signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  } else if (signer.hs256) {
    signature = createHmac('sha256', signer.hs256).update(input).digest('base64url');
  }
  return `${input}.${signature}`;
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
