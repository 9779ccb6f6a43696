import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795878480000 implements MigrationInterface {
  name = 'Reports1795878480000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
