import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795878480000 implements MigrationInterface {
  name = 'Reports1795878480000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A report is requested by a person and built by the queue. What it was built from is
    // fixed once completed: the audit head it is consistent with, its SHA-256 and size.
    await queryRunner.query(`
      CREATE TABLE "reports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "format" text NOT NULL,
        "params" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'queued',
        "attempts" integer NOT NULL DEFAULT 0,
        "requested_by" uuid NOT NULL,
        "requested_by_username" text NOT NULL,
        "request_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "generated_at" timestamptz,
        "completed_at" timestamptz,
        "audit_head_seq" bigint,
        "sha256" char(64),
        "size_bytes" bigint,
        "row_count" integer,
        "chunk_count" integer,
        "file_name" text,
        "failure_reason" text,
        CONSTRAINT "pk_reports" PRIMARY KEY ("id"),
        CONSTRAINT "fk_reports_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_reports_kind" CHECK ("kind" IN ('weapon_trace','stolen_weapons','district_summary','trace_requests')),
        CONSTRAINT "ck_reports_format" CHECK ("format" IN ('pdf','csv','json')),
        CONSTRAINT "ck_reports_status" CHECK ("status" IN ('queued','running','completed','failed')),
        CONSTRAINT "ck_reports_completed" CHECK (("status" = 'completed') = (
          "completed_at" IS NOT NULL AND "generated_at" IS NOT NULL AND "audit_head_seq" IS NOT NULL
          AND "sha256" IS NOT NULL AND "size_bytes" IS NOT NULL AND "row_count" IS NOT NULL
          AND "chunk_count" IS NOT NULL AND "file_name" IS NOT NULL)),
        CONSTRAINT "ck_reports_failure" CHECK (("status" = 'failed') = ("failure_reason" IS NOT NULL)),
        CONSTRAINT "ck_reports_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
      )`);
    // GET /reports is newest first, optionally by kind or status.
    await queryRunner.query(`CREATE INDEX "ix_reports_created" ON "reports" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_reports_kind" ON "reports" ("kind", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_reports_status" ON "reports" ("status", "created_at", "id")`);

    // The file, in pieces of about 256 KiB written as the job produces them and read back one
    // at a time: the API and the workers may run in different containers and share only the
    // database, and neither holds a whole file in memory.
    await queryRunner.query(`
      CREATE TABLE "report_chunks" (
        "report_id" uuid NOT NULL,
        "n" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "pk_report_chunks" PRIMARY KEY ("report_id", "n"),
        CONSTRAINT "fk_report_chunks_report" FOREIGN KEY ("report_id") REFERENCES "reports" ("id"),
        CONSTRAINT "ck_report_chunks_n" CHECK ("n" >= 0)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_chunks"`);
    await queryRunner.query(`DROP INDEX "ix_reports_status"`);
    await queryRunner.query(`DROP INDEX "ix_reports_kind"`);
    await queryRunner.query(`DROP INDEX "ix_reports_created"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
