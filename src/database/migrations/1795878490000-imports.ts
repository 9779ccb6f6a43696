import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1795878490000 implements MigrationInterface {
  name = 'Imports1795878490000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One row per CSV file posted. The file itself is kept here so a worker in any process can
    // read it; `processed` is the number of data rows landed or rejected so far, committed with
    // each batch, so a retried job resumes after the last committed batch.
    await queryRunner.query(`
      CREATE TABLE "imports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "status" text NOT NULL DEFAULT 'queued',
        "sha256" char(64) NOT NULL,
        "content" bytea NOT NULL,
        "size_bytes" integer NOT NULL,
        "total" integer NOT NULL,
        "processed" integer NOT NULL DEFAULT 0,
        "accepted" integer NOT NULL DEFAULT 0,
        "rejected" integer NOT NULL DEFAULT 0,
        "attempts" integer NOT NULL DEFAULT 0,
        "failure_reason" text,
        "imported_by" uuid NOT NULL,
        "imported_by_username" text NOT NULL,
        "jurisdiction" text[],
        "request_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        CONSTRAINT "pk_imports" PRIMARY KEY ("id"),
        CONSTRAINT "fk_imports_imported_by" FOREIGN KEY ("imported_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_imports_status" CHECK ("status" IN ('queued','processing','completed','failed')),
        CONSTRAINT "ck_imports_counts" CHECK ("processed" = "accepted" + "rejected" AND "processed" <= "total")
      )`);
    // The job reads the file in slices (substring): stored uncompressed, a slice reads only its own TOAST chunks.
    await queryRunner.query(`ALTER TABLE "imports" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    // The same file (by SHA-256) is imported once; a failed import no longer holds its hash.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_imports_sha256_live" ON "imports" ("sha256") WHERE "status" <> 'failed'`);
    await queryRunner.query(`CREATE INDEX "ix_imports_created" ON "imports" ("created_at", "id")`);

    await queryRunner.query(`
      CREATE TABLE "import_row_errors" (
        "import_id" uuid NOT NULL,
        "row" integer NOT NULL,
        "code" text NOT NULL,
        "message" text NOT NULL,
        CONSTRAINT "pk_import_row_errors" PRIMARY KEY ("import_id", "row"),
        CONSTRAINT "fk_import_row_errors_import" FOREIGN KEY ("import_id") REFERENCES "imports" ("id")
      )`);

    // A batch of audit entries (AuditService.appendMany) moves the head over all of them in one
    // update. The head still only moves forward, and only onto entries that exist, each of them.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW."id" <> OLD."id" OR NEW."seq" <= OLD."seq"
           OR NOT EXISTS (SELECT 1 FROM "audit_entries" WHERE "seq" = NEW."seq" AND "hash" = NEW."hash")
           OR (SELECT count(*) FROM "audit_entries" WHERE "seq" > OLD."seq" AND "seq" <= NEW."seq") <> NEW."seq" - OLD."seq" THEN
          RAISE EXCEPTION 'audit_head only advances, onto entries that exist' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW."id" <> OLD."id" OR NEW."seq" <> OLD."seq" + 1 THEN
          RAISE EXCEPTION 'audit_head only advances one entry at a time' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`DROP TABLE "import_row_errors"`);
    await queryRunner.query(`DROP INDEX "ix_imports_created"`);
    await queryRunner.query(`DROP INDEX "uq_imports_sha256_live"`);
    await queryRunner.query(`DROP TABLE "imports"`);
  }
}
