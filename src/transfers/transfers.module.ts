import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OwnersModule } from '../owners/owners.module';
import { RegistryModule } from '../registry/registry.module';
import { RecordTransferUseCase } from './record-transfer.use-case';
import { TransfersController } from './transfers.controller';
import { TransfersQuery } from './transfers.query';

@Module({
  imports: [RegistryModule, OwnersModule, IdempotencyModule],
  controllers: [TransfersController],
  providers: [RecordTransferUseCase, TransfersQuery],
})
export class TransfersModule {}
