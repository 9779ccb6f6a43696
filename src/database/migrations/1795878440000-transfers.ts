import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Transfers1795878440000 implements MigrationInterface {
  name = 'Transfers1795878440000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
