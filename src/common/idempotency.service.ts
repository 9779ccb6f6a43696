/**
 * Idempotency moved to src/idempotency/; this keeps the older import path working for
 * callers not yet moved.
 */
export { idempotencyKey, requestHash } from '../idempotency/idempotency-key';
export { type IdempotencyClaim, IdempotencyService, type IdempotentResult } from '../idempotency/idempotency.service';
