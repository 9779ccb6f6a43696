import { msg } from '../i18n/message';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain/canonical-json';
import { ValidationFailedError } from '../common/domain-error';

/** The Idempotency-Key header: 1 to 255 visible characters, as the contract says; absent is fine. */
export function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: msg('field.badIdempotencyKey', 'Idempotency-Key') },
    ]);
  }
  return value;
}

/** What makes two requests under one key "the same request": the canonical JSON of their input. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}
