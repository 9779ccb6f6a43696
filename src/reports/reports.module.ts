import { Module } from '@nestjs/common';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistryModule } from '../registry/registry.module';
import { TraceModule } from '../trace/trace.module';
import { UserNamesModule } from '../users/user-names.module';
import { BuildReportUseCase } from './build-report.use-case';
import { DownloadReportUseCase } from './download-report.use-case';
import { ReportFileStore } from './report-file.store';
import { ReportParamsService } from './report-params.service';
import { ReportProcessor } from './report.processor';
import { ReportProducer } from './report-producer';
import { ReportRequestsModule } from './report-requests.module';
import { ReportsController } from './reports.controller';
import { ReportsQuery } from './reports.query';
import { RequestReportUseCase } from './request-report.use-case';

/** Reports for the ministry (PDF, CSV, JSON), built by the queue and stored with their SHA-256. */
@Module({
  imports: [TraceModule, ReferenceModule, ReportRequestsModule, PersonalDataModule, UserNamesModule, RegistryModule],
  controllers: [ReportsController],
  providers: [
    ReportParamsService,
    RequestReportUseCase,
    BuildReportUseCase,
    ReportProducer,
    ReportProcessor,
    ReportFileStore,
    ReportsQuery,
    DownloadReportUseCase,
  ],
})
export class ReportsModule {}
