import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OwnersLicences1795878420000 implements MigrationInterface {
  name = 'OwnersLicences1795878420000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // name_search is computed by the application (accents and case folded) rather than with
    // unaccent(), whose results are not immutable and so cannot be indexed directly.
    await queryRunner.query(`
      CREATE TABLE "owners" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "type" text NOT NULL,
        "name" text NOT NULL,
        "name_search" text NOT NULL,
        "id_kind" text NOT NULL,
        "id_number" text NOT NULL,
        "id_number_normalized" text NOT NULL,
        "birth_date" date,
        "nationality" char(2),
        "district" text NOT NULL,
        "address_line" text NOT NULL,
        "phone" text,
        "email" text,
        "status" text NOT NULL DEFAULT 'active',
        "status_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_owners" PRIMARY KEY ("id"),
        CONSTRAINT "fk_owners_district" FOREIGN KEY ("district") REFERENCES "districts" ("code"),
        CONSTRAINT "uq_owners_document" UNIQUE ("id_kind", "id_number_normalized"),
        CONSTRAINT "ck_owners_type" CHECK ("type" IN ('person', 'organization')),
        CONSTRAINT "ck_owners_id_kind" CHECK (
          ("type" = 'person' AND "id_kind" IN ('cedula', 'passport'))
          OR ("type" = 'organization' AND "id_kind" = 'ruc')
        ),
        CONSTRAINT "ck_owners_birth_date" CHECK (("type" = 'person') = ("birth_date" IS NOT NULL)),
        CONSTRAINT "ck_owners_nationality" CHECK ("nationality" ~ '^[A-Z]{2}$'),
        CONSTRAINT "ck_owners_status" CHECK ("status" IN ('active', 'suspended', 'prohibited', 'deceased')),
        CONSTRAINT "ck_owners_version" CHECK ("version" >= 1)
      )`);
    // Lists are ordered by (name_search, id); the district filter keeps that order.
    await queryRunner.query(`CREATE INDEX "ix_owners_name_order" ON "owners" ("name_search", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_owners_district" ON "owners" ("district", "name_search", "id")`);
    // Searches by number do not always name the kind, so uq_owners_document cannot serve them.
    await queryRunner.query(`CREATE INDEX "ix_owners_id_number" ON "owners" ("id_number_normalized")`);
    await queryRunner.query(`CREATE INDEX "ix_owners_name_trgm" ON "owners" USING gin ("name_search" gin_trgm_ops)`);

    // Revocation keeps the row: a licence is never deleted, so its history stays with it.
    await queryRunner.query(`
      CREATE TABLE "licences" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "number" text NOT NULL,
        "issued_at" date NOT NULL,
        "expires_at" date NOT NULL,
        "weapon_types" text[] NOT NULL,
        "status" text NOT NULL DEFAULT 'valid',
        "revoked_at" timestamptz,
        "revoked_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_licences" PRIMARY KEY ("id"),
        CONSTRAINT "fk_licences_owner" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "uq_licences_kind_number" UNIQUE ("kind", "number"),
        CONSTRAINT "ck_licences_kind" CHECK ("kind" IN ('possession', 'carry', 'dealer', 'collector', 'security_company')),
        CONSTRAINT "ck_licences_dates" CHECK ("issued_at" <= "expires_at"),
        CONSTRAINT "ck_licences_weapon_types" CHECK (cardinality("weapon_types") > 0),
        CONSTRAINT "ck_licences_status" CHECK (
          ("status" = 'valid' AND "revoked_at" IS NULL AND "revoked_reason" IS NULL)
          OR ("status" = 'revoked' AND "revoked_at" IS NOT NULL AND "revoked_reason" IS NOT NULL)
        ),
        CONSTRAINT "ck_licences_version" CHECK ("version" >= 1)
      )`);
    // Serves an owner's licence list (newest issue first) and the licence-in-force checks.
    await queryRunner.query(`CREATE INDEX "ix_licences_owner" ON "licences" ("owner_id", "issued_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_licences_owner"`);
    await queryRunner.query(`DROP TABLE "licences"`);
    await queryRunner.query(`DROP INDEX "ix_owners_name_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_owners_id_number"`);
    await queryRunner.query(`DROP INDEX "ix_owners_district"`);
    await queryRunner.query(`DROP INDEX "ix_owners_name_order"`);
    await queryRunner.query(`DROP TABLE "owners"`);
  }
}
