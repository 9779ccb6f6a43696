import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1795878430000 implements MigrationInterface {
  name = 'Registry1795878430000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One row per year; incremented under its row lock so registry numbers have no gaps.
    await queryRunner.query(`
      CREATE TABLE "registry_counters" (
        "year" integer NOT NULL,
        "last_value" integer NOT NULL,
        CONSTRAINT "pk_registry_counters" PRIMARY KEY ("year")
      )`);
    await queryRunner.query(`
      CREATE TABLE "weapons" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "registry_number" text NOT NULL,
        "make" text NOT NULL,
        "make_key" text NOT NULL,
        "model" text NOT NULL,
        "type" text NOT NULL,
        "calibre" text NOT NULL,
        "serial_number" text NOT NULL,
        "serial_normalized" text NOT NULL,
        "serial_status" text NOT NULL DEFAULT 'marked',
        "country_of_manufacture" char(2) NOT NULL,
        "year_of_manufacture" integer,
        "import_marking" jsonb,
        "other_markings" text,
        "ballistics" jsonb,
        "acquisition" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'active',
        "holder_id" uuid NOT NULL,
        "district" text NOT NULL,
        "unverified_make" boolean NOT NULL DEFAULT false,
        "unverified_calibre" boolean NOT NULL DEFAULT false,
        "version" integer NOT NULL DEFAULT 1,
        "registered_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_weapons" PRIMARY KEY ("id"),
        CONSTRAINT "uq_weapons_registry_number" UNIQUE ("registry_number"),
        CONSTRAINT "uq_weapons_marking" UNIQUE ("make_key", "serial_normalized"),
        CONSTRAINT "fk_weapons_holder" FOREIGN KEY ("holder_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_weapons_district" FOREIGN KEY ("district") REFERENCES "districts" ("code"),
        CONSTRAINT "ck_weapons_status" CHECK ("status" IN
          ('active','lost','stolen','seized','in_state_custody','destroyed','deactivated','exported')),
        CONSTRAINT "ck_weapons_serial_status" CHECK ("serial_status" IN ('marked','obliterated','unmarked'))
      )`);
    // One index per filter of GET /weapons; pagination walks (registered_at, id).
    await queryRunner.query(`CREATE INDEX "ix_weapons_serial_normalized" ON "weapons" ("serial_normalized")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_holder" ON "weapons" ("holder_id", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_district" ON "weapons" ("district", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_status" ON "weapons" ("status", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_make_key" ON "weapons" ("make_key", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_calibre" ON "weapons" ("calibre", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_type" ON "weapons" ("type", "registered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_registered" ON "weapons" ("registered_at", "id")`);

    await queryRunner.query(`
      CREATE TABLE "weapon_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "weapon_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "place" text,
        "reference" text,
        "notes" text,
        "from_status" text NOT NULL,
        "to_status" text NOT NULL,
        "details" jsonb,
        "recorded_by" uuid,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_weapon_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_weapon_events_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id"),
        CONSTRAINT "fk_weapon_events_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_weapon_events_weapon" ON "weapon_events" ("weapon_id", "recorded_at", "id")`);

    await queryRunner.query(`
      CREATE TABLE "corrections" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "weapon_id" uuid NOT NULL,
        "changes" jsonb NOT NULL,
        "previous" jsonb NOT NULL,
        "reason" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "proposed_by" uuid NOT NULL,
        "proposed_at" timestamptz NOT NULL DEFAULT now(),
        "decided_by" uuid,
        "decided_at" timestamptz,
        "decision_reason" text,
        CONSTRAINT "pk_corrections" PRIMARY KEY ("id"),
        CONSTRAINT "fk_corrections_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id"),
        CONSTRAINT "fk_corrections_proposed_by" FOREIGN KEY ("proposed_by") REFERENCES "users" ("id"),
        CONSTRAINT "fk_corrections_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_corrections_status" CHECK ("status" IN ('pending','approved','rejected'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_corrections_status" ON "corrections" ("status", "proposed_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_corrections_weapon" ON "corrections" ("weapon_id")`);

    // Idempotency-Key records, scoped to the caller; kept 24 hours.
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "actor_id" uuid NOT NULL,
        "scope" text NOT NULL,
        "key" text NOT NULL,
        "request_hash" char(64) NOT NULL,
        "state" text NOT NULL,
        "response_status" integer,
        "response_body" jsonb,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("actor_id", "scope", "key"),
        CONSTRAINT "ck_idempotency_keys_state" CHECK ("state" IN ('in_progress','completed'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_expires" ON "idempotency_keys" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "corrections"`);
    await queryRunner.query(`DROP TABLE "weapon_events"`);
    await queryRunner.query(`DROP TABLE "weapons"`);
    await queryRunner.query(`DROP TABLE "registry_counters"`);
  }
}
