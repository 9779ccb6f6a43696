import { Module } from '@nestjs/common';
import { AuditCheckpointsModule } from './audit/checkpoints/audit-checkpoints.module';
import { CoreModule } from './core.module';
import { ImportsModule } from './imports/imports.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReportsModule } from './reports/reports.module';
import { QueueModule } from './queue/queue.module';
import { TraceModule } from './trace/trace.module';
import { InternationalTracesModule } from './international-traces/international-traces.module';
import { NotificationsModule } from './notifications/notifications.module';

/**
 * The queue workers alone, without the HTTP API (`npm run worker`). Every module that owns
 * a `@JobHandler` is imported here; the queue refuses to start if a job has no handler.
 */
@Module({
  imports: [
    CoreModule,
    QueueModule,
    TraceModule,
    AuditCheckpointsModule,
    ReconciliationModule,
    ReportsModule,
    ImportsModule,
    InternationalTracesModule,
    NotificationsModule,
  ],
})
export class WorkerModule {}
