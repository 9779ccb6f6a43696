import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportLanguage1795880000000 implements MigrationInterface {
  name = 'ReportLanguage1795880000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The language a report's text is written in, fixed when it is requested (Accept-Language);
    // a trace request keeps the language it was filed in for the report that answers it.
    // Existing rows were written in Spanish.
    await queryRunner.query(`
      ALTER TABLE "reports" ADD COLUMN "language" text NOT NULL DEFAULT 'es',
        ADD CONSTRAINT "ck_reports_language" CHECK ("language" IN ('es', 'en'))`);
    await queryRunner.query(`
      ALTER TABLE "trace_requests" ADD COLUMN "language" text NOT NULL DEFAULT 'es',
        ADD CONSTRAINT "ck_trace_requests_language" CHECK ("language" IN ('es', 'en'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trace_requests" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP COLUMN "language"`);
  }
}
