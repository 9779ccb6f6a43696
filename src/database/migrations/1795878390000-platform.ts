import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Platform1795878390000 implements MigrationInterface {
  name = 'Platform1795878390000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" text NOT NULL,
        "password_hash" text NOT NULL,
        "full_name" text NOT NULL,
        "roles" text[] NOT NULL,
        "jurisdiction" text[],
        "disabled" boolean NOT NULL DEFAULT false,
        "token_version" integer NOT NULL DEFAULT 1,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_users" PRIMARY KEY ("id"),
        CONSTRAINT "ck_users_roles" CHECK (
          cardinality("roles") > 0
          AND "roles" <@ ARRAY['admin','officer','supervisor','police','auditor']::text[]
        ),
        CONSTRAINT "ck_users_username" CHECK ("username" ~ '^[a-z0-9][a-z0-9._-]{2,63}$')
      )`);
    // Usernames are stored lower-cased; the unique index is what USERNAME_TAKEN maps from.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username")`);

    // One row per login: every refresh token of a login shares its session, so reuse of a
    // spent refresh token can revoke the whole family, access tokens included.
    await queryRunner.query(`
      CREATE TABLE "auth_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz,
        "revoked_reason" text,
        CONSTRAINT "pk_auth_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "fk_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_auth_sessions_user" ON "auth_sessions" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL,
        "session_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "spent_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "fk_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "auth_sessions" ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens" ("session_id")`);

    await queryRunner.query(`
      CREATE TABLE "audit_entries" (
        "seq" bigint NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "actor_id" uuid,
        "actor_username" text NOT NULL,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text NOT NULL,
        "before" jsonb,
        "after" jsonb,
        "request_id" text,
        "client_ip" text,
        "prev_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL,
        CONSTRAINT "pk_audit_entries" PRIMARY KEY ("seq"),
        CONSTRAINT "ck_audit_entries_seq" CHECK ("seq" >= 1)
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_entity" ON "audit_entries" ("entity_type", "entity_id", "seq")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_actor" ON "audit_entries" ("actor_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_occurred_at" ON "audit_entries" ("occurred_at")`);

    // The chain head: one row, locked by every append, so sequence numbers are gapless and
    // each entry's prev_hash is the hash of the entry before it.
    await queryRunner.query(`
      CREATE TABLE "audit_head" (
        "id" smallint NOT NULL,
        "seq" bigint NOT NULL,
        "hash" char(64) NOT NULL,
        CONSTRAINT "pk_audit_head" PRIMARY KEY ("id"),
        CONSTRAINT "ck_audit_head_single" CHECK ("id" = 1)
      )`);
    await queryRunner.query(`INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64))`);

    // Append-only, enforced by the database itself and not only by the application.
    await queryRunner.query(`
      CREATE FUNCTION "audit_entries_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entries"
      FOR EACH ROW EXECUTE FUNCTION "audit_entries_refuse_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_refuse_change"()`);
    // The head only moves forward by one entry at a time and is never removed.
    await queryRunner.query(`
      CREATE FUNCTION "audit_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW."id" <> OLD."id" OR NEW."seq" <> OLD."seq" + 1 THEN
          RAISE EXCEPTION 'audit_head only advances one entry at a time' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_head_forward_only" BEFORE UPDATE OR DELETE ON "audit_head"
      FOR EACH ROW EXECUTE FUNCTION "audit_head_forward_only"()`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_head_no_truncate" BEFORE TRUNCATE ON "audit_head"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_refuse_change"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP FUNCTION "audit_head_forward_only"()`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_entries_refuse_change"()`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
