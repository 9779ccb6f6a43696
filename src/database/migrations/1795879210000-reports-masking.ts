import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsMasking1795879210000 implements MigrationInterface {
  name = 'ReportsMasking1795879210000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Decided when the report is requested (an auditor's), so a later change of roles does not
    // change what a file already promised to hide.
    await queryRunner.query(`ALTER TABLE "reports" ADD COLUMN "mask_personal_data" boolean NOT NULL DEFAULT false`);
    // Each user lists their own reports (admins all), newest first.
    await queryRunner.query(`CREATE INDEX "ix_reports_requested_by" ON "reports" ("requested_by", "created_at", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_reports_requested_by"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP COLUMN "mask_personal_data"`);
  }
}
