import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InternationalTraces1795879800000 implements MigrationInterface {
  name = 'InternationalTraces1795879800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A trace under the International Tracing Instrument, received from or sent to another state.
    await queryRunner.query(`
      CREATE TABLE "international_traces" (
        "id" uuid NOT NULL,
        "direction" text NOT NULL,
        "state" text NOT NULL,
        "agency_reference" text NOT NULL,
        "received_at" timestamptz NOT NULL,
        "due_at" timestamptz,
        "weapon_id" uuid,
        "trace_request_id" uuid,
        "marking" jsonb NOT NULL,
        "circumstances" text NOT NULL,
        "restrictions" jsonb NOT NULL,
        "status" text NOT NULL,
        "response" jsonb,
        "reply" jsonb,
        "version" integer NOT NULL,
        "created_by" uuid NOT NULL,
        "created_by_username" text NOT NULL,
        "request_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_international_traces" PRIMARY KEY ("id"),
        CONSTRAINT "fk_international_traces_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id"),
        CONSTRAINT "fk_international_traces_trace_request" FOREIGN KEY ("trace_request_id") REFERENCES "trace_requests" ("id"),
        CONSTRAINT "fk_international_traces_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_international_traces_direction" CHECK ("direction" IN ('incoming','outgoing')),
        CONSTRAINT "ck_international_traces_status" CHECK ("status" IN ('open','answered')),
        CONSTRAINT "ck_international_traces_outgoing_weapon" CHECK ("direction" = 'incoming' OR "weapon_id" IS NOT NULL),
        CONSTRAINT "ck_international_traces_due" CHECK ("due_at" IS NULL OR "due_at" >= "received_at")
      )`);
    // The list walks (created_at, id) newest first, by direction and status.
    await queryRunner.query(`CREATE INDEX "ix_international_traces_created" ON "international_traces" ("created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_international_traces_direction_status" ON "international_traces" ("direction", "status", "created_at", "id")`,
    );
    // Overdue traces (the list's overdue=true and reconciliation's TRACE_OVERDUE): the few still open, by due date.
    await queryRunner.query(
      `CREATE INDEX "ix_international_traces_open_due" ON "international_traces" ("due_at") WHERE "status" = 'open' AND "direction" = 'incoming'`,
    );

    // The package a trace answers with (incoming) or is sent with (outgoing): prepared by the
    // queue (a tracked job's record, one per trace, sharing its id), kept as the exact JSON text
    // its sha256 was taken over.
    await queryRunner.query(`
      CREATE TABLE "international_trace_packages" (
        "id" uuid NOT NULL,
        "status" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "request_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "completed_at" timestamptz,
        "failure_reason" text,
        "outcome" text,
        "weapon_id" uuid,
        "content" text,
        "sha256" text,
        "audit_head_seq" bigint,
        "audit_head_hash" text,
        "names_owners" jsonb,
        CONSTRAINT "pk_international_trace_packages" PRIMARY KEY ("id"),
        CONSTRAINT "fk_international_trace_packages_trace" FOREIGN KEY ("id") REFERENCES "international_traces" ("id"),
        CONSTRAINT "ck_international_trace_packages_status" CHECK ("status" IN ('queued','processing','completed','failed'))
      )`);

    // An incoming trace still open past its due date is a reconciliation finding.
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN ('HOLDER_MISMATCH', 'HOLDER_UNLICENSED',
          'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE', 'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS',
          'SURRENDERED_BY_THIRD_PARTY', 'TRACE_OVERDUE'))`);

    // The INTERPOL export reads the events that report a weapon missing or back, from a day on.
    await queryRunner.query(
      `CREATE INDEX "ix_weapon_events_missing_changes" ON "weapon_events" ("occurred_at", "id")
        WHERE "kind" IN ('reported_lost','reported_stolen') OR "from_status" IN ('lost','stolen')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_weapon_events_missing_changes"`);
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN ('HOLDER_MISMATCH', 'HOLDER_UNLICENSED',
          'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE', 'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS',
          'SURRENDERED_BY_THIRD_PARTY'))`);
    await queryRunner.query(`DROP TABLE "international_trace_packages"`);
    await queryRunner.query(`DROP TABLE "international_traces"`);
  }
}
