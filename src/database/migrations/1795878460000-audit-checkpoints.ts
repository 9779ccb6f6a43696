import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditCheckpoints1795878460000 implements MigrationInterface {
  name = 'AuditCheckpoints1795878460000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
