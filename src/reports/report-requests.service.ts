import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/language';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import type { ReportFormat, ReportKind } from './report-kinds';
import { ReportEntity } from './report.entity';

export interface ReportOrder {
  kind: ReportKind;
  format: ReportFormat;
  /** Already checked (ReportParamsService, or built by the registry itself). */
  params: Record<string, unknown>;
  requestedBy: string;
  requestedByUsername: string;
  requestId: string | null;
  /** The file hides document numbers and addresses (a report an auditor asked for). */
  maskPersonalData?: boolean;
  /** The language of the file's text; Spanish unless the requester asked for English. */
  language?: Language;
}

/**
 * Files a report inside the caller's transaction: the report row, its build job and its
 * `report.requested` entry commit with the caller's change or not at all. Used by
 * POST /reports and by the queue when a trace request is answered with a trace record.
 */
@Injectable()
export class ReportRequests {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async file(manager: EntityManager, actor: AuditActor, order: ReportOrder): Promise<ReportEntity> {
    const report = manager.create(ReportEntity, {
      kind: order.kind,
      format: order.format,
      params: order.params,
      status: 'queued',
      attempts: 0,
      requestedBy: order.requestedBy,
      requestedByUsername: order.requestedByUsername,
      requestId: order.requestId,
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
      maskPersonalData: order.maskPersonalData ?? false,
      language: order.language ?? DEFAULT_LANGUAGE,
    });
    await manager.save(report);
    await this.outbox.enqueue(manager, JobName.BuildReport, { reportId: report.id });
    await this.audit.append(manager, actor, {
      action: 'report.requested',
      entityType: 'report',
      entityId: report.id,
      before: null,
      after: { kind: report.kind, format: report.format, params: report.params, status: report.status, language: report.language },
    });
    return report;
  }
}
