import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import { ReportParamsService } from './report-params.service';
import type { AcceptedReportDto, CreateReportDto } from './report.dto';
import { ReportEntity } from './report.entity';

@Injectable()
export class RequestReportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly params: ReportParamsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The report row, its build job and its audit entry commit together or not at all. */
  async execute(input: CreateReportDto, context: RequestContext): Promise<AcceptedReportDto> {
    const params = await this.params.check(input.kind, input.params ?? {});
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const report = manager.create(ReportEntity, {
        kind: input.kind,
        format: input.format,
        params,
        status: 'queued',
        attempts: 0,
        requestedBy: principal.id,
        requestedByUsername: principal.username,
        requestId: context.requestId,
        createdAt: new Date(),
        startedAt: null,
        generatedAt: null,
        completedAt: null,
        auditHeadSeq: null,
        sha256: null,
        sizeBytes: null,
        rowCount: null,
        chunkCount: null,
        fileName: null,
        failureReason: null,
      });
      await manager.save(report);
      await this.outbox.enqueue(manager, JobName.BuildReport, { reportId: report.id });
      await this.audit.append(manager, actorOf(context), {
        action: 'report.requested',
        entityType: 'report',
        entityId: report.id,
        before: null,
        after: { kind: report.kind, format: report.format, params, status: report.status },
      });
      return { id: report.id, status: 'queued' as const };
    });
  }
}
