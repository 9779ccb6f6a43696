import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillTree } from '../../audit/tree/audit-tree.sql';

export class AuditTransparencyLog1795878800000 implements MigrationInterface {
  name = 'AuditTransparencyLog1795878800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The complete subtrees of the RFC 9162 tree over the entries, levels 1 and up (a leaf is
    // derived from its entry). A complete subtree never changes, so rows are only inserted.
    await queryRunner.query(`
      CREATE TABLE "audit_tree_nodes" (
        "level" smallint NOT NULL,
        "idx" bigint NOT NULL,
        "hash" bytea NOT NULL,
        CONSTRAINT "pk_audit_tree_nodes" PRIMARY KEY ("level", "idx"),
        CONSTRAINT "ck_audit_tree_nodes_level" CHECK ("level" BETWEEN 1 AND 62),
        CONSTRAINT "ck_audit_tree_nodes_idx" CHECK ("idx" >= 0),
        CONSTRAINT "ck_audit_tree_nodes_hash" CHECK (octet_length("hash") = 32)
      )`);
    // Registered witnesses and their cosignatures: evidence, like the entries, never rewritten.
    // tree_size names a checkpoint (checked when cosigning); no foreign key, so that TRUNCATE of
    // audit_checkpoints is refused by its own trigger, as the other evidence tables.
    await queryRunner.query(`
      CREATE TABLE "audit_witnesses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "public_key" bytea NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_witnesses" PRIMARY KEY ("id"),
        CONSTRAINT "fk_audit_witnesses_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id"),
        CONSTRAINT "ck_audit_witnesses_name" CHECK ("name" ~ '^[!-*,-~]{1,128}$'),
        CONSTRAINT "ck_audit_witnesses_public_key" CHECK (octet_length("public_key") = 32)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_witnesses_name" ON "audit_witnesses" ("name")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_witnesses_user" ON "audit_witnesses" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "audit_cosignatures" (
        "tree_size" bigint NOT NULL,
        "witness_id" uuid NOT NULL,
        "signature" text NOT NULL,
        "signed_at" timestamptz NOT NULL,
        CONSTRAINT "pk_audit_cosignatures" PRIMARY KEY ("tree_size", "witness_id"),
        CONSTRAINT "fk_audit_cosignatures_witness" FOREIGN KEY ("witness_id") REFERENCES "audit_witnesses" ("id")
      )`);
    // Signed tree heads: the root of the tree of seq entries and the registry's signed-note
    // signature over "<origin>\n<seq>\n<base64 root>\n". Null on checkpoints signed before the tree.
    await queryRunner.query(`ALTER TABLE "audit_checkpoints" ADD COLUMN "root_hash" char(64), ADD COLUMN "origin" text, ADD COLUMN "note_signature" text`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_evidence_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_tree_nodes', 'audit_witnesses', 'audit_cosignatures']) {
      await queryRunner.query(`
        CREATE TRIGGER "trg_${table}_no_update_delete" BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION "audit_evidence_refuse_change"()`);
      await queryRunner.query(`
        CREATE TRIGGER "trg_${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_evidence_refuse_change"()`);
    }
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_roles"`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "ck_users_roles" CHECK (
        cardinality("roles") > 0
        AND "roles" <@ ARRAY['admin','officer','supervisor','police','auditor','witness']::text[]
      )`);
    await backfillTree(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_roles"`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "ck_users_roles" CHECK (
        cardinality("roles") > 0
        AND "roles" <@ ARRAY['admin','officer','supervisor','police','auditor']::text[]
      )`);
    await queryRunner.query(`DROP TABLE "audit_cosignatures"`);
    await queryRunner.query(`DROP TABLE "audit_witnesses"`);
    await queryRunner.query(`DROP TABLE "audit_tree_nodes"`);
    await queryRunner.query(`DROP FUNCTION "audit_evidence_refuse_change"()`);
    await queryRunner.query(`ALTER TABLE "audit_checkpoints" DROP COLUMN "root_hash", DROP COLUMN "origin", DROP COLUMN "note_signature"`);
  }
}
