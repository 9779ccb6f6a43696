import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1795879300100 implements MigrationInterface {
  name = 'Statistics1795879300100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // GET /statistics/registry?at= rolls today's statuses back to the end of `at`: it reads only
    // the events recorded after that instant, found by this index.
    await queryRunner.query(`CREATE INDEX "ix_weapon_events_recorded" ON "weapon_events" ("recorded_at")`);
    // Ammunition per calibre over a period reads the period's recoveries by date.
    await queryRunner.query(`CREATE INDEX "ix_recoveries_date_ammunition" ON "recoveries" ("date") INCLUDE ("ammunition")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_recoveries_date_ammunition"`);
    await queryRunner.query(`DROP INDEX "ix_weapon_events_recorded"`);
  }
}
