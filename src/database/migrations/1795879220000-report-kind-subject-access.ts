import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportKindSubjectAccess1795879220000 implements MigrationInterface {
  name = 'ReportKindSubjectAccess1795879220000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Adds `subject_access` to whatever kinds the constraint allows now.
    const [row] = (await queryRunner.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ck_reports_kind' AND conrelid = 'reports'::regclass`,
    )) as Array<{ def: string }>;
    const kinds = [...row.def.matchAll(/'([a-z0-9_]+)'/g)].map((match) => match[1]);
    const next = [...new Set([...kinds, 'subject_access'])];
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind"`);
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN (${next.map((kind) => `'${kind}'`).join(',')}))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind"`);
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN ('weapon_trace','stolen_weapons','district_summary','trace_requests'))`,
    );
  }
}
