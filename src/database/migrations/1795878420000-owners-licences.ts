import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OwnersLicences1795878420000 implements MigrationInterface {
  name = 'OwnersLicences1795878420000';

  public async up(_queryRunner: QueryRunner): Promise<void> {}

  public async down(_queryRunner: QueryRunner): Promise<void> {}
}
