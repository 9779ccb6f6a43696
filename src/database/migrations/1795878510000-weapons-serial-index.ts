import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WeaponsSerialIndex1795878510000 implements MigrationInterface {
  name = 'WeaponsSerialIndex1795878510000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // serial_confusable folds serial_normalized, so ix_weapons_serial_confusable finds every
    // weapon with a given normalised serial (GET /weapons?serial= asks for both), and
    // uq_weapons_marking serves a serial with its make. This index only cost every write.
    await queryRunner.query(`DROP INDEX "ix_weapons_serial_normalized"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_weapons_serial_normalized" ON "weapons" ("serial_normalized")`);
  }
}
