import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyLease1795879000000 implements MigrationInterface {
  name = 'IdempotencyLease1795879000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A key in progress is held by a lease its request renews while it runs (lease_token names
    // that request, so only it completes or releases the key); a key whose request is gone is
    // free again once the lease lapses, however its clean-up was cut off. Keys claimed before
    // this migration keep the two minutes they were given.
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD COLUMN "lease_token" uuid, ADD COLUMN "lease_expires_at" timestamptz`);
    await queryRunner.query(
      `UPDATE "idempotency_keys" SET "lease_expires_at" = "created_at" + interval '120 seconds' WHERE "state" = 'in_progress'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "lease_expires_at", DROP COLUMN "lease_token"`);
  }
}
