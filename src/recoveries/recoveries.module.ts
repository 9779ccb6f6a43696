import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistryModule } from '../registry/registry.module';
import { AlertsModule } from '../alerts/alerts.module';
import { TraceModule } from '../trace/trace.module';
import { DestructionBatchesController } from './destruction-batches.controller';
import { DestructionBatchesQuery } from './destruction-batches.query';
import { RecordDestructionBatchUseCase } from './record-destruction-batch.use-case';
import { RecoveriesController } from './recoveries.controller';
import { RecoveriesQuery } from './recoveries.query';
import { RecordRecoveryUseCase } from './record-recovery.use-case';

/** Weapons that came into the State's hands: recoveries, their custody and destruction. */
@Module({
  imports: [RegistryModule, OwnersModule, ReferenceModule, AlertsModule, TraceModule],
  controllers: [RecoveriesController, DestructionBatchesController],
  providers: [RecordRecoveryUseCase, RecoveriesQuery, RecordDestructionBatchUseCase, DestructionBatchesQuery],
  exports: [RecoveriesQuery],
})
export class RecoveriesModule {}
