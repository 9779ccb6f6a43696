import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1795879300100 implements MigrationInterface {
  name = 'Statistics1795879300100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // GET /statistics/registry?at= rolls today's statuses back to the end of `at`: it reads only
    // the events recorded after that instant, found by this index.
    await queryRunner.query(`CREATE INDEX "ix_weapon_events_recorded" ON "weapon_events" ("recorded_at")`);
    // ...and counts the weapons on record by an index-only scan of this one.
    await queryRunner.query(`CREATE INDEX "ix_weapons_statistics" ON "weapons" ("registered_at") INCLUDE ("district", "type", "status")`);
    // Ammunition per calibre over a period reads the period's recoveries by date.
    await queryRunner.query(`CREATE INDEX "ix_recoveries_date_ammunition" ON "recoveries" ("date") INCLUDE ("ammunition")`);
    // The report kinds of recoveries and public-policy statistics.
    await queryRunner.query(`
      ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind",
        ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN ('weapon_trace','stolen_weapons','district_summary','trace_requests',
          'subject_access','destruction_certificate','sdg_16_4_2','iafq'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "reports" DROP CONSTRAINT "ck_reports_kind",
        ADD CONSTRAINT "ck_reports_kind" CHECK ("kind" IN ('weapon_trace','stolen_weapons','district_summary','trace_requests',
          'subject_access'))`);
    await queryRunner.query(`DROP INDEX "ix_recoveries_date_ammunition"`);
    await queryRunner.query(`DROP INDEX "ix_weapons_statistics"`);
    await queryRunner.query(`DROP INDEX "ix_weapon_events_recorded"`);
  }
}
