import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceCatalogue1795878410000 implements MigrationInterface {
  name = 'ReferenceCatalogue1795878410000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
