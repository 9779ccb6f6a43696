import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TraceRequestReports1795878500000 implements MigrationInterface {
  name = 'TraceRequestReports1795878500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The trace report filed when a request is answered with a trace record.
    await queryRunner.query(`
      ALTER TABLE "trace_requests" ADD COLUMN "report_id" uuid,
        ADD CONSTRAINT "fk_trace_requests_report" FOREIGN KEY ("report_id") REFERENCES "reports" ("id"),
        ADD CONSTRAINT "uq_trace_requests_report" UNIQUE ("report_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "trace_requests" DROP COLUMN "report_id"');
  }
}
