import { Module } from '@nestjs/common';
import { AuditCheckpointProcessor } from './audit-checkpoint.processor';
import { AuditCheckpointSchedule } from './audit-checkpoint.schedule';
import { AuditCheckpointsQuery } from './audit-checkpoints.query';
import { AuditEventsQuery } from './audit-events.query';
import { AuditVerificationQuery } from './audit-verification.query';
import { AuditController } from './audit.controller';
import { ExportAuditUseCase } from './export-audit.use-case';
import { SignAuditCheckpointUseCase } from './sign-audit-checkpoint.use-case';

/**
 * What auditors use: reading, verifying and exporting the chain, and the signed checkpoints.
 * The checkpoint job's handler lives here, so a worker process imports this module too.
 */
@Module({
  controllers: [AuditController],
  providers: [
    AuditEventsQuery,
    AuditCheckpointsQuery,
    AuditVerificationQuery,
    ExportAuditUseCase,
    SignAuditCheckpointUseCase,
    AuditCheckpointProcessor,
    AuditCheckpointSchedule,
  ],
  exports: [AuditCheckpointProcessor, SignAuditCheckpointUseCase, AuditCheckpointsQuery],
})
export class AuditApiModule {}
