import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OwnersModule } from '../owners/owners.module';
import { RegistryModule } from '../registry/registry.module';
import { RecordTransferUseCase } from './record-transfer.use-case';
import { TransferStepsQuery } from './transfer-steps.query';
import { TransfersController } from './transfers.controller';
import { TransfersQuery } from './transfers.query';

@Module({
  imports: [RegistryModule, OwnersModule, IdempotencyModule],
  controllers: [TransfersController],
  providers: [RecordTransferUseCase, TransfersQuery, TransferStepsQuery],
  exports: [TransferStepsQuery],
})
export class TransfersModule {}
