import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reconciliation1795878470000 implements MigrationInterface {
  name = 'Reconciliation1795878470000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
