import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = [
  'HOLDER_MISMATCH',
  'HOLDER_UNLICENSED',
  'HOLDER_INACTIVE',
  'POSSIBLE_DUPLICATE',
  'AUDIT_CHAIN_INVALID',
  'MISSING_AUDIT',
  'MISSING_BALLISTICS',
  'SURRENDERED_BY_THIRD_PARTY',
  'TRACE_OVERDUE',
];

/** Every finding kind: those before, and the ones holding certificates and court prohibitions brought. */
const ALL = [...BEFORE, 'CERTIFICATE_EXPIRED', 'SURRENDER_OVERDUE'];

const list = (kinds: string[]): string => kinds.map((kind) => `'${kind}'`).join(', ');

/**
 * Holding certificates, court prohibitions and international traces each widened the finding
 * kinds' CHECK from the same starting list, so the one applied last would have dropped the
 * others' kinds. This sets the list once, with all of them.
 */
export class FindingKindsMerged1795880100000 implements MigrationInterface {
  name = 'FindingKindsMerged1795880100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${list(ALL)}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Findings are append-only: with findings of the newer kinds on record this fails, as it should.
    await queryRunner.query(`
      ALTER TABLE "reconciliation_findings" DROP CONSTRAINT "ck_reconciliation_findings_kind",
        ADD CONSTRAINT "ck_reconciliation_findings_kind" CHECK ("kind" IN (${list(BEFORE)}))`);
  }
}
