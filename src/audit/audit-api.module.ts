import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditCheckpointsModule } from './checkpoints/audit-checkpoints.module';
import { AuditEventsQuery } from './events/audit-events.query';
import { ExportAuditUseCase } from './export/export-audit.use-case';
import { AuditVerificationQuery } from './verification/audit-verification.query';

/** What auditors use over HTTP: reading, verifying and exporting the chain, and the signed checkpoints. */
@Module({
  imports: [AuditCheckpointsModule],
  controllers: [AuditController],
  providers: [AuditEventsQuery, AuditVerificationQuery, ExportAuditUseCase],
  exports: [AuditCheckpointsModule],
})
export class AuditApiModule {}
