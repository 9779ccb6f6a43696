import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditCheckpointsModule } from './checkpoints/audit-checkpoints.module';
import { AuditEventsQuery } from './events/audit-events.query';
import { ExportAuditUseCase } from './export/export-audit.use-case';
import { AuditVerificationQuery } from './verification/audit-verification.query';
import { AuditTreeQuery } from './tree/audit-tree.query';
import { AuditWitnessesController } from './witnesses/audit-witnesses.controller';
import { CosignCheckpointUseCase } from './witnesses/cosign-checkpoint.use-case';
import { WitnessesQuery } from './witnesses/witnesses.query';
import { RegisterWitnessUseCase } from './witnesses/register-witness.use-case';
import { UsersModule } from '../users/users.module';

/** What auditors and witnesses use over HTTP: the chain, its checkpoints, the transparency log's proofs and cosignatures. */
@Module({
  imports: [AuditCheckpointsModule, UsersModule],
  controllers: [AuditController, AuditWitnessesController],
  providers: [AuditEventsQuery, AuditVerificationQuery, ExportAuditUseCase, AuditTreeQuery, RegisterWitnessUseCase, CosignCheckpointUseCase, WitnessesQuery],
  exports: [AuditCheckpointsModule],
})
export class AuditApiModule {}
