import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1795878490000 implements MigrationInterface {
  name = 'Imports1795878490000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
