import { Module } from '@nestjs/common';
import { AuditApiModule } from '../audit/audit-api.module';
import { ReconciliationProcessor } from './reconciliation.processor';
import { ReconciliationRunsController } from './reconciliation-runs.controller';
import { ReconciliationRunsQuery } from './reconciliation-runs.query';
import { ReconciliationSchedule } from './reconciliation.schedule';
import { RequestReconciliationUseCase } from './request-reconciliation.use-case';
import { RunReconciliationUseCase } from './run-reconciliation.use-case';

/**
 * Reconciliation runs: set-based checks of the whole registry, on demand and on RECONCILE_CRON.
 * The audit chain is verified against the signed checkpoints AuditApiModule publishes.
 */
@Module({
  imports: [AuditApiModule],
  controllers: [ReconciliationRunsController],
  providers: [
    RequestReconciliationUseCase,
    RunReconciliationUseCase,
    ReconciliationProcessor,
    ReconciliationSchedule,
    ReconciliationRunsQuery,
  ],
})
export class ReconciliationModule {}
