import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Recoveries1795879300000 implements MigrationInterface {
  name = 'Recoveries1795879300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A weapon recovered by the State that was never registered has no holder: it is the
    // State's, in the district where it was recovered. Only such a weapon may lack a holder.
    await queryRunner.query(`ALTER TABLE "weapons" ALTER COLUMN "holder_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "weapons" ADD COLUMN "origin" text NOT NULL DEFAULT 'registered'`);
    await queryRunner.query(`
      ALTER TABLE "weapons"
        ADD CONSTRAINT "ck_weapons_origin" CHECK ("origin" IN ('registered','recovered')),
        ADD CONSTRAINT "ck_weapons_holder" CHECK ("holder_id" IS NOT NULL OR "origin" = 'recovered')`);

    await queryRunner.query(`
      CREATE TABLE "recoveries" (
        "id" uuid NOT NULL,
        "kind" text NOT NULL,
        "date" date NOT NULL,
        "district" text NOT NULL,
        "agency" text NOT NULL,
        "case_number" text,
        "place" text,
        "legal_basis" text,
        "anonymous" boolean NOT NULL DEFAULT false,
        "surrendered_by" uuid,
        "ammunition" jsonb NOT NULL DEFAULT '[]',
        "magazines" integer,
        "item_count" integer NOT NULL,
        "recorded_by" uuid NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        "request_id" text,
        CONSTRAINT "pk_recoveries" PRIMARY KEY ("id"),
        CONSTRAINT "fk_recoveries_district" FOREIGN KEY ("district") REFERENCES "districts" ("code"),
        CONSTRAINT "fk_recoveries_surrendered_by" FOREIGN KEY ("surrendered_by") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_recoveries_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_recoveries_kind" CHECK ("kind" IN ('seized','found','surrendered','amnesty')),
        CONSTRAINT "ck_recoveries_anonymous" CHECK (NOT "anonymous" OR ("kind" = 'amnesty' AND "surrendered_by" IS NULL))
      )`);
    // The list's filters, each walking (date, id) newest first.
    await queryRunner.query(`CREATE INDEX "ix_recoveries_date" ON "recoveries" ("date", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_recoveries_district" ON "recoveries" ("district", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_recoveries_kind" ON "recoveries" ("kind", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_recoveries_case" ON "recoveries" ("case_number", "date", "id")`);

    // One row per weapon recovered. The recovery's kind, date and district are repeated on each
    // item so the statistics count items from this table and its index alone.
    await queryRunner.query(`
      CREATE TABLE "recovery_items" (
        "recovery_id" uuid NOT NULL,
        "index" integer NOT NULL,
        "weapon_id" uuid NOT NULL,
        "matched" text NOT NULL,
        "prior_status" text,
        "trace_request_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "date" date NOT NULL,
        "district" text NOT NULL,
        "anonymous" boolean NOT NULL,
        "make" text,
        "model" text,
        "type" text NOT NULL,
        "calibre" text,
        "serial_number" text,
        "serial_status" text NOT NULL,
        "country_of_manufacture" text,
        "import_marking" jsonb,
        "notes" text,
        CONSTRAINT "pk_recovery_items" PRIMARY KEY ("recovery_id", "index"),
        CONSTRAINT "fk_recovery_items_recovery" FOREIGN KEY ("recovery_id") REFERENCES "recoveries" ("id"),
        CONSTRAINT "fk_recovery_items_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id"),
        CONSTRAINT "fk_recovery_items_trace_request" FOREIGN KEY ("trace_request_id") REFERENCES "trace_requests" ("id"),
        CONSTRAINT "ck_recovery_items_matched" CHECK ("matched" IN ('registered','unregistered'))
      )`);
    // Statistics by period: an index-only scan of the period's items with every grouping column.
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_items_date" ON "recovery_items" ("date") INCLUDE ("district", "kind", "type", "calibre", "trace_request_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_recovery_items_weapon" ON "recovery_items" ("weapon_id")`);
    // Reconciliation's SURRENDERED_BY_THIRD_PARTY reads only anonymous hand-ins of held weapons.
    await queryRunner.query(
      `CREATE INDEX "ix_recovery_items_third_party" ON "recovery_items" ("weapon_id") WHERE "anonymous" AND "prior_status" = 'active'`,
    );

    // The competent authority's finding on a trace request: illicit origin established or not.
    await queryRunner.query(`ALTER TABLE "trace_requests" ADD COLUMN "illicit_origin" jsonb`);
    // The SDG numerator: the few trace requests with an established origin, found without a scan.
    await queryRunner.query(
      `CREATE INDEX "ix_trace_requests_origin_established" ON "trace_requests" ("id") WHERE ("illicit_origin" ->> 'established') = 'true'`,
    );

    // An anonymous amnesty hand-in of a lawfully held weapon is followed up as a reconciliation finding.
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN ('HOLDER_MISMATCH', 'HOLDER_UNLICENSED',
          'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE', 'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS',
          'SURRENDERED_BY_THIRD_PARTY'))`);

    await queryRunner.query(`
      CREATE TABLE "destruction_batches" (
        "id" uuid NOT NULL,
        "method" text NOT NULL,
        "place" text NOT NULL,
        "date" date NOT NULL,
        "acta_ref" text NOT NULL,
        "witnesses" jsonb NOT NULL,
        "destroyed" integer NOT NULL,
        "recorded_by" uuid NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_destruction_batches" PRIMARY KEY ("id"),
        CONSTRAINT "fk_destruction_batches_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_destruction_batches_method" CHECK ("method" IN ('cutting','smelting','crushing','shredding','other'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "destruction_batch_weapons" (
        "batch_id" uuid NOT NULL,
        "weapon_id" uuid NOT NULL,
        CONSTRAINT "pk_destruction_batch_weapons" PRIMARY KEY ("batch_id", "weapon_id"),
        CONSTRAINT "uq_destruction_batch_weapons_weapon" UNIQUE ("weapon_id"),
        CONSTRAINT "fk_destruction_batch_weapons_batch" FOREIGN KEY ("batch_id") REFERENCES "destruction_batches" ("id"),
        CONSTRAINT "fk_destruction_batch_weapons_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "destruction_batch_weapons"`);
    await queryRunner.query(`DROP TABLE "destruction_batches"`);
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN ('HOLDER_MISMATCH', 'HOLDER_UNLICENSED',
          'HOLDER_INACTIVE', 'POSSIBLE_DUPLICATE', 'AUDIT_CHAIN_INVALID', 'MISSING_AUDIT', 'MISSING_BALLISTICS'))`);
    await queryRunner.query(`DROP INDEX "ix_trace_requests_origin_established"`);
    await queryRunner.query(`ALTER TABLE "trace_requests" DROP COLUMN "illicit_origin"`);
    await queryRunner.query(`DROP TABLE "recovery_items"`);
    await queryRunner.query(`DROP TABLE "recoveries"`);
    await queryRunner.query(`ALTER TABLE "weapons" DROP CONSTRAINT "ck_weapons_holder", DROP CONSTRAINT "ck_weapons_origin"`);
    await queryRunner.query(`ALTER TABLE "weapons" DROP COLUMN "origin"`);
    await queryRunner.query(`ALTER TABLE "weapons" ALTER COLUMN "holder_id" SET NOT NULL`);
  }
}
