import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/**
 * Idempotency-Key: the idempotency_keys table and its leases (IdempotencyService), with the
 * route decorators (Idempotent, IdempotencyKey) that keep the header handling at the edge.
 */
@Module({
  providers: [IdempotencyService],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
