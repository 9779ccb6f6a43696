import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { ReferenceModule } from '../reference/reference.module';
import { RegistryModule } from '../registry/registry.module';
import { ReportRequestsModule } from '../reports/report-requests.module';
import { TransfersModule } from '../transfers/transfers.module';
import { AlertsModule } from '../alerts/alerts.module';
import { AnswerTraceRequestUseCase } from './answer-trace-request.use-case';
import { CreateTraceRequestUseCase } from './create-trace-request.use-case';
import { EstablishOriginUseCase } from './establish-origin.use-case';
import { SearchTraceUseCase } from './search-trace.use-case';
import { TraceRequestProcessor } from './trace-request.processor';
import { TraceRecords } from './trace-records.query';
import { TraceRequestsController } from './trace-requests.controller';
import { TraceRequestFilings } from './trace-request-filing.service';
import { TraceRequestsQuery } from './trace-requests.query';
import { TraceSearch } from './trace-search.service';
import { TraceController } from './trace.controller';
import { ViewTraceRecordUseCase } from './view-trace-record.use-case';

/**
 * Tracing for police: search by serial, trace records, trace requests answered by the
 * queue, and (through AlertsModule) stolen-weapon alerts.
 */
@Module({
  imports: [RegistryModule, OwnersModule, ReferenceModule, AlertsModule, ReportRequestsModule, TransfersModule],
  controllers: [TraceController, TraceRequestsController],
  providers: [
    TraceSearch,
    TraceRecords,
    SearchTraceUseCase,
    ViewTraceRecordUseCase,
    CreateTraceRequestUseCase,
    AnswerTraceRequestUseCase,
    TraceRequestProcessor,
    TraceRequestsQuery,
    TraceRequestFilings,
    EstablishOriginUseCase,
  ],
  exports: [TraceRecords, TraceRequestFilings, TraceSearch, TraceRequestsQuery, EstablishOriginUseCase],
})
export class TraceModule {}
