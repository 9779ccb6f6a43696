import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditCheckpoints1795878460000 implements MigrationInterface {
  name = 'AuditCheckpoints1795878460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One signed chain head per row, keyed by the seq it signs: a seq is signed at most once.
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "seq" bigint NOT NULL,
        "hash" char(64) NOT NULL,
        "signed_at" timestamptz NOT NULL,
        "key_id" text NOT NULL,
        "signature" text NOT NULL,
        CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("seq"),
        CONSTRAINT "ck_audit_checkpoints_seq" CHECK ("seq" >= 1)
      )`);
    // A signed checkpoint is evidence: like the entries it vouches for, it is never rewritten.
    await queryRunner.query(`
      CREATE FUNCTION "audit_checkpoints_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_checkpoints_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
      FOR EACH ROW EXECUTE FUNCTION "audit_checkpoints_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoints_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP FUNCTION "audit_checkpoints_refuse_change"()`);
  }
}
