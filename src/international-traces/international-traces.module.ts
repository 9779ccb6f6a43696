import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { RecoveriesModule } from '../recoveries/recoveries.module';
import { RegistryModule } from '../registry/registry.module';
import { TraceModule } from '../trace/trace.module';
import { TransfersModule } from '../transfers/transfers.module';
import { CreateInternationalTraceUseCase } from './create-international-trace.use-case';
import { DownloadTracePackageUseCase } from './download-trace-package.use-case';
import { ExportInterpolStolenUseCase } from './export-interpol-stolen.use-case';
import { InternationalTracesController } from './international-traces.controller';
import { InternationalTracesQuery } from './international-traces.query';
import { NationalScopeGuard } from './international-traces.roles';
import { InterpolExportController } from './interpol-export.controller';
import { PrepareTracePackageUseCase } from './prepare-trace-package.use-case';
import { RecordTraceReplyUseCase } from './record-trace-reply.use-case';
import { RespondInternationalTraceUseCase } from './respond-international-trace.use-case';
import { TracePackageProcessor } from './trace-package.processor';

/**
 * International tracing under the ITI (incoming and outgoing traces, their packages prepared
 * by the queue) and the INTERPOL iARMS export. Reads the registry through what registry,
 * trace, transfers and recoveries export; owns international_traces and their packages.
 */
@Module({
  imports: [RegistryModule, TraceModule, TransfersModule, RecoveriesModule, ReferenceModule],
  controllers: [InternationalTracesController, InterpolExportController],
  providers: [
    NationalScopeGuard,
    CreateInternationalTraceUseCase,
    PrepareTracePackageUseCase,
    TracePackageProcessor,
    DownloadTracePackageUseCase,
    RespondInternationalTraceUseCase,
    RecordTraceReplyUseCase,
    InternationalTracesQuery,
    ExportInterpolStolenUseCase,
  ],
})
export class InternationalTracesModule {}
