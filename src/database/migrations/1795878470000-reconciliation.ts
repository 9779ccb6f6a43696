import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reconciliation1795878470000 implements MigrationInterface {
  name = 'Reconciliation1795878470000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One row per run. A scheduled run is keyed by its firing (the scheduler's job id), so a
    // retried or redelivered firing finds its run again instead of starting a second one.
    await queryRunner.query(`
      CREATE TABLE "reconciliation_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "trigger" text NOT NULL,
        "firing" text,
        "status" text NOT NULL DEFAULT 'queued',
        "requested_by" uuid,
        "requested_by_username" text NOT NULL,
        "request_id" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "checked" integer,
        "findings_by_kind" jsonb,
        "audit_chain" jsonb,
        "durations_ms" jsonb,
        "failure_reason" text,
        CONSTRAINT "pk_reconciliation_runs" PRIMARY KEY ("id"),
        CONSTRAINT "uq_reconciliation_runs_firing" UNIQUE ("firing"),
        CONSTRAINT "fk_reconciliation_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_reconciliation_runs_trigger" CHECK ("trigger" IN ('manual', 'schedule')),
        CONSTRAINT "ck_reconciliation_runs_firing" CHECK (("trigger" = 'schedule') = ("firing" IS NOT NULL)),
        CONSTRAINT "ck_reconciliation_runs_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
        CONSTRAINT "ck_reconciliation_runs_outcome" CHECK (
          ("status" = 'completed') = ("findings_by_kind" IS NOT NULL AND "checked" IS NOT NULL)),
        CONSTRAINT "ck_reconciliation_runs_failure" CHECK (("status" = 'failed') = ("failure_reason" IS NOT NULL))
      )`);
    // GET /reconciliation/runs: newest first.
    await queryRunner.query(`CREATE INDEX "ix_reconciliation_runs_created" ON "reconciliation_runs" ("created_at", "id")`);

    // What a run found. Written once, in the transaction that completes the run.
    await queryRunner.query(`
      CREATE TABLE "reconciliation_findings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "run_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "weapon_id" uuid,
        "holder_id" uuid,
        "evidence" jsonb NOT NULL,
        CONSTRAINT "pk_reconciliation_findings" PRIMARY KEY ("id"),
        CONSTRAINT "fk_reconciliation_findings_run" FOREIGN KEY ("run_id") REFERENCES "reconciliation_runs" ("id"),
        CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN ('HOLDER_MISMATCH', 'HOLDER_UNLICENSED',
          'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE', 'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS'))
      )`);
    // GET /reconciliation/runs/:id/findings, with or without ?kind=, pages along (kind, id).
    await queryRunner.query(
      `CREATE INDEX "ix_reconciliation_findings_run" ON "reconciliation_findings" ("run_id", "kind", "id")`,
    );
    // A run's findings are its evidence: once written they are never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION "reconciliation_findings_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'reconciliation_findings are kept as written: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_reconciliation_findings_no_update_delete" BEFORE UPDATE OR DELETE ON "reconciliation_findings"
      FOR EACH ROW EXECUTE FUNCTION "reconciliation_findings_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_reconciliation_findings_no_truncate" BEFORE TRUNCATE ON "reconciliation_findings"
      FOR EACH STATEMENT EXECUTE FUNCTION "reconciliation_findings_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reconciliation_findings"`);
    await queryRunner.query(`DROP FUNCTION "reconciliation_findings_refuse_change"()`);
    await queryRunner.query(`DROP TABLE "reconciliation_runs"`);
  }
}
