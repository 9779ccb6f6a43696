import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Transfers1795878440000 implements MigrationInterface {
  name = 'Transfers1795878440000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Each row ends one holding period and (unless exported) starts the next: the chain of custody.
    await queryRunner.query(`
      CREATE TABLE "transfers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "weapon_id" uuid NOT NULL,
        "from_owner_id" uuid NOT NULL,
        "to_owner_id" uuid,
        "kind" text NOT NULL,
        "date" date NOT NULL,
        "document_ref" text,
        "destination_country" char(2),
        "recorded_by" uuid NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_transfers" PRIMARY KEY ("id"),
        CONSTRAINT "fk_transfers_weapon" FOREIGN KEY ("weapon_id") REFERENCES "weapons" ("id"),
        CONSTRAINT "fk_transfers_from_owner" FOREIGN KEY ("from_owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_transfers_to_owner" FOREIGN KEY ("to_owner_id") REFERENCES "owners" ("id"),
        CONSTRAINT "fk_transfers_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users" ("id"),
        CONSTRAINT "ck_transfers_kind" CHECK ("kind" IN
          ('sale','donation','inheritance','dealer_sale','state_assignment','export')),
        CONSTRAINT "ck_transfers_recipient" CHECK (
          ("kind" = 'export' AND "to_owner_id" IS NULL AND "destination_country" IS NOT NULL)
          OR ("kind" <> 'export' AND "to_owner_id" IS NOT NULL)),
        CONSTRAINT "ck_transfers_distinct_owners" CHECK ("to_owner_id" IS DISTINCT FROM "from_owner_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_transfers_weapon" ON "transfers" ("weapon_id", "recorded_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_transfers_from_owner" ON "transfers" ("from_owner_id")`);
    await queryRunner.query(`CREATE INDEX "ix_transfers_to_owner" ON "transfers" ("to_owner_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "transfers"`);
  }
}
