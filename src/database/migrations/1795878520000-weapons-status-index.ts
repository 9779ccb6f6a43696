import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WeaponsStatusIndex1795878520000 implements MigrationInterface {
  name = 'WeaponsStatusIndex1795878520000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Nearly every weapon is active, and a list of active weapons reads ix_weapons_registered in
    // order with the status as a filter. The index serves the statuses that are rare and sought
    // (lost, stolen, seized …: GET /weapons?status=, the stolen-weapons report); a registration
    // or an import, whose weapons are all active, no longer writes to it.
    await queryRunner.query(`DROP INDEX "ix_weapons_status"`);
    await queryRunner.query(
      `CREATE INDEX "ix_weapons_status" ON "weapons" ("status", "registered_at", "id") WHERE "status" <> 'active'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_weapons_status"`);
    await queryRunner.query(`CREATE INDEX "ix_weapons_status" ON "weapons" ("status", "registered_at", "id")`);
  }
}
