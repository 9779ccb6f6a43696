import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { CreateImportUseCase } from './create-import.use-case';
import { ImportCheckPool } from './import-check.pool';
import { ImportProcessor } from './import.processor';
import { ImportsController } from './imports.controller';
import { ImportsQuery } from './imports.query';
import { RunImportUseCase } from './run-import.use-case';
import { ImportBatchWriter } from './import-batch.writer';

/** Imports of legacy weapon records from CSV files, validated row by row and landed in batches. */
@Module({
  imports: [RegistryModule],
  controllers: [ImportsController],
  providers: [CreateImportUseCase, RunImportUseCase, ImportBatchWriter, ImportProcessor, ImportsQuery, ImportCheckPool],
})
export class ImportsModule {}
