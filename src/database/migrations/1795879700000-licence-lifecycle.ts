import type { MigrationInterface, QueryRunner } from 'typeorm';

const FINDING_KINDS_BEFORE = `'HOLDER_MISMATCH', 'HOLDER_UNLICENSED', 'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE',
  'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS', 'SURRENDERED_BY_THIRD_PARTY'`;

/**
 * Licences as Ley 57 de 2011 has them: suspension (with an optional last day) and renewal, the
 * evidence a licence rests on, court prohibitions with their surrender alerts, and the expiry
 * reminders with their webhook deliveries.
 */
export class LicenceLifecycle1795879700000 implements MigrationInterface {
  name = 'LicenceLifecycle1795879700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "prohibitions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "court" text NOT NULL,
        "order_ref" text NOT NULL,
        "from" date NOT NULL,
        "until" date,
        "reason" text NOT NULL,
        "status" text NOT NULL DEFAULT 'active',
        "ordered_by" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "lifted_at" timestamptz,
        "lifted_by" uuid,
        "lift_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "pk_prohibitions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_prohibitions_owner" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_prohibitions_ordered_by" FOREIGN KEY ("ordered_by") REFERENCES "users" ("id"),
        CONSTRAINT "fk_prohibitions_lifted_by" FOREIGN KEY ("lifted_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_prohibitions_dates" CHECK ("until" IS NULL OR "from" <= "until"),
        CONSTRAINT "ck_prohibitions_status" CHECK (
          ("status" = 'active' AND "lifted_at" IS NULL AND "lift_reason" IS NULL)
          OR ("status" = 'lifted' AND "lifted_at" IS NOT NULL AND "lift_reason" IS NOT NULL)),
        CONSTRAINT "ck_prohibitions_version" CHECK ("version" >= 1)
      )`);
    // An owner's prohibitions, newest first; SURRENDER_OVERDUE reads the active ones alone.
    await queryRunner.query(`CREATE INDEX "ix_prohibitions_owner" ON "prohibitions" ("owner_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_prohibitions_active" ON "prohibitions" ("owner_id", "from") WHERE "status" = 'active'`);

    // A suspension keeps the licence's row and number; `suspended_until` is its last day (null:
    // until reinstated). A licence suspended by a court prohibition names it, so lifting that
    // prohibition reinstates exactly those licences.
    await queryRunner.query(`
      ALTER TABLE "licences"
        ADD COLUMN "suspended_at" timestamptz,
        ADD COLUMN "suspended_reason" text,
        ADD COLUMN "suspended_until" date,
        ADD COLUMN "suspended_by_prohibition" uuid,
        ADD CONSTRAINT "fk_licences_suspended_by_prohibition" FOREIGN KEY ("suspended_by_prohibition") REFERENCES "prohibitions" ("id"),
        DROP CONSTRAINT "ck_licences_status",
        ADD CONSTRAINT "ck_licences_status" CHECK (
          ("status" = 'valid' AND "revoked_at" IS NULL AND "revoked_reason" IS NULL AND "suspended_at" IS NULL
            AND "suspended_reason" IS NULL AND "suspended_until" IS NULL AND "suspended_by_prohibition" IS NULL)
          OR ("status" = 'suspended' AND "revoked_at" IS NULL AND "revoked_reason" IS NULL
            AND "suspended_at" IS NOT NULL AND "suspended_reason" IS NOT NULL)
          OR ("status" = 'revoked' AND "revoked_at" IS NOT NULL AND "revoked_reason" IS NOT NULL))`);
    // Reminders scan licences by expiry day.
    await queryRunner.query(`CREATE INDEX "ix_licences_expires" ON "licences" ("expires_at") WHERE "status" <> 'revoked'`);

    await queryRunner.query(`
      CREATE TABLE "owner_evidence" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "issued_at" date NOT NULL,
        "valid_until" date NOT NULL,
        "reference" text NOT NULL,
        "recorded_by" uuid NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_owner_evidence" PRIMARY KEY ("id"),
        CONSTRAINT "fk_owner_evidence_owner" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_owner_evidence_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_owner_evidence_kind" CHECK ("kind" IN ('psychological_evaluation', 'drug_test', 'criminal_record',
          'shooting_test', 'training')),
        CONSTRAINT "ck_owner_evidence_dates" CHECK ("issued_at" <= "valid_until")
      )`);
    // The evidence in force for an owner on a day, by kind; and the owner's list, newest first.
    await queryRunner.query(`CREATE INDEX "ix_owner_evidence_owner" ON "owner_evidence" ("owner_id", "kind", "valid_until")`);

    await queryRunner.query(`
      ALTER TABLE "alerts" DROP CONSTRAINT "ck_alerts_source",
        ADD CONSTRAINT "ck_alerts_source" CHECK ("source" IN ('registration_attempt','trace_search','trace_request','surrender_required'))`);
    // A prohibition raises one surrender alert per weapon however often it is looked at.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_alerts_surrender" ON "alerts" ("weapon_id", (("details" ->> 'prohibitionId'))) WHERE "source" = 'surrender_required'`,
    );

    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${FINDING_KINDS_BEFORE}, 'SURRENDER_OVERDUE'))`);

    await queryRunner.query(`
      CREATE TABLE "notification_runs" (
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
        "written" integer,
        "failure_reason" text,
        CONSTRAINT "pk_notification_runs" PRIMARY KEY ("id"),
        CONSTRAINT "uq_notification_runs_firing" UNIQUE ("firing"),
        CONSTRAINT "fk_notification_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_notification_runs_trigger" CHECK ("trigger" IN ('manual', 'schedule')),
        CONSTRAINT "ck_notification_runs_firing" CHECK (("trigger" = 'schedule') = ("firing" IS NOT NULL)),
        CONSTRAINT "ck_notification_runs_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')),
        CONSTRAINT "ck_notification_runs_outcome" CHECK (("status" = 'completed') = ("written" IS NOT NULL)),
        CONSTRAINT "ck_notification_runs_failure" CHECK (("status" = 'failed') = ("failure_reason" IS NOT NULL))
      )`);

    // One reminder per document and expiry day, however often the job runs: a renewed document
    // (a new expiry day) is reminded of again.
    await queryRunner.query(`
      CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "district" text NOT NULL,
        "kind" text NOT NULL,
        "document_id" uuid NOT NULL,
        "document_number" text NOT NULL,
        "expires_at" date NOT NULL,
        "run_id" uuid,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "delivered_at" timestamptz,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "fk_notifications_owner" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_notifications_run" FOREIGN KEY ("run_id") REFERENCES "notification_runs" ("id"),
        CONSTRAINT "uq_notifications_document" UNIQUE ("kind", "document_id", "expires_at"),
        CONSTRAINT "ck_notifications_kind" CHECK ("kind" IN ('licence_expiring', 'certificate_expiring')),
        CONSTRAINT "ck_notifications_status" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "ck_notifications_delivered" CHECK (("status" = 'delivered') = ("delivered_at" IS NOT NULL)),
        CONSTRAINT "ck_notifications_attempts" CHECK ("attempts" >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX "ix_notifications_created" ON "notifications" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_notifications_owner" ON "notifications" ("owner_id", "created_at", "id")`);
    // Scoped readers (officers, supervisors) see the notifications of their districts: the owner's
    // district when the notification was written, so the list never reads the owners table.
    await queryRunner.query(`CREATE INDEX "ix_notifications_district" ON "notifications" ("district", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_notifications_pending" ON "notifications" ("created_at") WHERE "status" = 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP TABLE "notification_runs"`);
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${FINDING_KINDS_BEFORE}))`);
    await queryRunner.query(`DROP INDEX "uq_alerts_surrender"`);
    await queryRunner.query(`
      ALTER TABLE "alerts" DROP CONSTRAINT "ck_alerts_source",
        ADD CONSTRAINT "ck_alerts_source" CHECK ("source" IN ('registration_attempt','trace_search','trace_request'))`);
    await queryRunner.query(`DROP TABLE "owner_evidence"`);
    await queryRunner.query(`DROP INDEX "ix_licences_expires"`);
    await queryRunner.query(`
      ALTER TABLE "licences"
        DROP CONSTRAINT "ck_licences_status",
        DROP CONSTRAINT "fk_licences_suspended_by_prohibition",
        DROP COLUMN "suspended_at", DROP COLUMN "suspended_reason", DROP COLUMN "suspended_until",
        DROP COLUMN "suspended_by_prohibition",
        ADD CONSTRAINT "ck_licences_status" CHECK (
          ("status" = 'valid' AND "revoked_at" IS NULL AND "revoked_reason" IS NULL)
          OR ("status" = 'revoked' AND "revoked_at" IS NOT NULL AND "revoked_reason" IS NOT NULL))`);
    await queryRunner.query(`DROP TABLE "prohibitions"`);
  }
}
