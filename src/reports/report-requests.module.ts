import { Module } from '@nestjs/common';
import { ReportRequests } from './report-requests.service';

/**
 * Filing a report, apart from building one: tracing files trace reports without depending
 * on the builder, which itself reads trace records.
 */
@Module({
  providers: [ReportRequests],
  exports: [ReportRequests],
})
export class ReportRequestsModule {}
