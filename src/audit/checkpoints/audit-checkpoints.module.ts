import { Module } from '@nestjs/common';
import { AuditCheckpointProcessor } from './audit-checkpoint.processor';
import { AuditCheckpointSchedule } from './audit-checkpoint.schedule';
import { AuditCheckpointsQuery } from './audit-checkpoints.query';
import { SignAuditCheckpointUseCase } from './sign-audit-checkpoint.use-case';

/**
 * Signed checkpoints: the signing job (its schedule and handler) and the query that publishes
 * them. A worker process imports this module for the job alone.
 */
@Module({
  providers: [AuditCheckpointsQuery, SignAuditCheckpointUseCase, AuditCheckpointProcessor, AuditCheckpointSchedule],
  exports: [AuditCheckpointsQuery, SignAuditCheckpointUseCase, AuditCheckpointProcessor],
})
export class AuditCheckpointsModule {}
