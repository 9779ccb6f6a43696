import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QueueTrace1795878450000 implements MigrationInterface {
  name = 'QueueTrace1795878450000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
