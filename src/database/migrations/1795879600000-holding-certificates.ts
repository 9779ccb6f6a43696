import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every report kind before this migration, in the order they were added. */
const REPORT_KINDS_BEFORE = [
  'weapon_trace',
  'stolen_weapons',
  'district_summary',
  'trace_requests',
  'subject_access',
  'destruction_certificate',
  'sdg_16_4_2',
  'iafq',
];

/** Every finding kind before this migration. */
const FINDING_KINDS_BEFORE = [
  'HOLDER_MISMATCH',
  'HOLDER_UNLICENSED',
  'HOLDER_INACTIVE',
  'POSSIBLE_DUPLICATE',
  'AUDIT_CHAIN_INVALID',
  'MISSING_AUDIT',
  'MISSING_BALLISTICS',
  'SURRENDERED_BY_THIRD_PARTY',
];

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(',');

export class HoldingCertificates1795879600000 implements MigrationInterface {
  name = 'HoldingCertificates1795879600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The NNNNNNN of CT-YYYY-NNNNNNN: one national sequence, never reused (a rolled-back issue
    // leaves a gap, which a certificate number may have; the registry number may not).
    await queryRunner.query(`CREATE SEQUENCE "holding_certificate_numbers" AS bigint START 1 NO CYCLE`);
    // The certificado de tenencia (Ley 57 de 2011, Art. 31, 38): one per weapon and holder.
    // weapon_id and holder_id have no foreign keys, on purpose: certificates are written only by
    // the registry, in the transaction that writes or locks the weapon and checks the holder, and
    // an import writes one per row, where the two per-row key checks cost about a third of the
    // certificate's insert (measured: 4.4 s against 3.1 s for 100,000 rows). Reconciliation's
    // CERTIFICATE_EXPIRED (reason other_holder) watches the pairing.
    // `expired` is never stored by the registry: a `valid` row whose expires_at has passed is
    // read as expired (effectiveStatus in src/registry/certificates/holding-certificate.types.ts);
    // the value is allowed for a later sweep.
    await queryRunner.query(`
      CREATE TABLE "holding_certificates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "number" text NOT NULL,
        "weapon_id" uuid NOT NULL,
        "holder_id" uuid NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'valid',
        "superseded_by" uuid,
        "ended_at" timestamptz,
        "ended_reason" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_holding_certificates" PRIMARY KEY ("id"),
        CONSTRAINT "uq_holding_certificates_number" UNIQUE ("number"),
        CONSTRAINT "fk_holding_certificates_superseded_by" FOREIGN KEY ("superseded_by") REFERENCES "holding_certificates" ("id")
          DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT "ck_holding_certificates_status" CHECK ("status" IN ('valid','superseded','expired','revoked')),
        CONSTRAINT "ck_holding_certificates_number" CHECK ("number" LIKE 'CT-____-_______%'),
        CONSTRAINT "ck_holding_certificates_period" CHECK ("expires_at" > "issued_at"),
        CONSTRAINT "ck_holding_certificates_superseded" CHECK (("status" = 'superseded') = ("superseded_by" IS NOT NULL))
      )`);
    // superseded_by is deferred: the old certificate is superseded (leaving the weapon with no
    // valid one) before its successor is inserted, within one transaction.
    // At most one valid certificate per weapon; also how the valid one of a weapon is found.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_holding_certificates_valid_weapon" ON "holding_certificates" ("weapon_id") WHERE "status" = 'valid'`,
    );
    // GET /weapons/:id/certificates reads a weapon's valid certificate by the index above and its
    // ended ones by this one: a new certificate (an import writes 100,000) enters no index for
    // the listing but the unique one it needs anyway.
    await queryRunner.query(
      `CREATE INDEX "ix_holding_certificates_ended_weapon" ON "holding_certificates" ("weapon_id") WHERE "status" <> 'valid'`,
    );
    // Certificates expiring between two days (reminders), valid ones only.
    await queryRunner.query(
      `CREATE INDEX "ix_holding_certificates_expiring" ON "holding_certificates" ("expires_at") WHERE "status" = 'valid'`,
    );
    await queryRunner.query(`
      ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind",
        ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN (${list([...REPORT_KINDS_BEFORE, 'holding_certificate'])}))`);
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${list([...FINDING_KINDS_BEFORE, 'CERTIFICATE_EXPIRED'])}))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${list(FINDING_KINDS_BEFORE)}))`);
    await queryRunner.query(`
      ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind",
        ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN (${list(REPORT_KINDS_BEFORE)}))`);
    await queryRunner.query(`DROP TABLE "holding_certificates"`);
    await queryRunner.query(`DROP SEQUENCE "holding_certificate_numbers"`);
  }
}
