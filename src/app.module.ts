import { Module } from '@nestjs/common';
import { AuditApiModule } from './audit/audit-api.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './core.module';
import { ImportsModule } from './imports/imports.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReportsModule } from './reports/reports.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OwnersModule } from './owners/owners.module';
import { QueueModule } from './queue/queue.module';
import { ReferenceModule } from './reference/reference.module';
import { RegistryModule } from './registry/registry.module';
import { TraceModule } from './trace/trace.module';
import { TransfersModule } from './transfers/transfers.module';
import { UsersModule } from './users/users.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { RecoveriesModule } from './recoveries/recoveries.module';
import { StatisticsModule } from './statistics/statistics.module';
import { InternationalTracesModule } from './international-traces/international-traces.module';
import { ProhibitionsModule } from './prohibitions/prohibitions.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({
  imports: [
    CoreModule,
    QueueModule,
    AuthModule,
    UsersModule,
    ReferenceModule,
    OwnersModule,
    RegistryModule,
    TransfersModule,
    TraceModule,
    AuditApiModule,
    ReconciliationModule,
    ReportsModule,
    ImportsModule,
    HealthModule,
    MetricsModule,
    PersonalDataModule,
    RecoveriesModule,
    StatisticsModule,
    InternationalTracesModule,
    ProhibitionsModule,
    NotificationsModule,
  ],
})
export class AppModule {}
