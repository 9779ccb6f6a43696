import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { toWeaponDto } from '../registry/registry.mapper';
import { MISSING_STATUSES } from '../registry/weapon-status';
import { ReportFormat, ReportKind } from '../reports/report-kinds';
import { ReportRequests } from '../reports/report-requests.service';
import { AlertsService } from '../alerts/alerts.service';
import { suggestDiversionPoint } from './diversion-suggestion';
import { outcomeOf } from './serial-match';
import type { TraceResultDto } from './trace-request.dto';
import { TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';
import { TraceRecords } from './trace-records.query';
import { TraceSearch } from './trace-search.service';

/**
 * Answers a trace request: searches the registry for its marking and stores the outcome.
 * BullMQ may run it more than once (retries, a worker lost mid-job): the outcome is written
 * only by the run that finds the request unanswered, under the request's row lock, together
 * with its alerts and audit entry, so a repeated run changes nothing. The queue's runner
 * (src/queue/tracked-jobs.ts) moves the request to `processing` first and records its failure.
 */
@Injectable()
export class AnswerTraceRequestUseCase {

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: TraceSearch,
    private readonly records: TraceRecords,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly reports: ReportRequests,
  ) {}

  /** Run by the queue (TraceRequestProcessor) once the request is `processing`; resolves with the outcome, or the status found. */
  async execute(id: string, queue: AuditActor): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const request = await manager.findOne(TraceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request || request.status !== 'processing') return request?.status ?? 'missing';
      const { marking } = request;
      const candidates = await this.search.find(
        { serial: marking.serialNumber, make: marking.make, calibre: marking.calibre, type: marking.type },
        { serial: 'marking.serialNumber', prefix: 'marking.' },
      );
      const requester: AuditActor = {
        requestId: request.requestId,
        clientIp: null,
        actorId: request.requestedBy,
        actorUsername: request.requestedByUsername,
      };
      const alertIds: string[] = [];
      for (const hit of candidates.filter((candidate) => MISSING_STATUSES.includes(candidate.weapon.status))) {
        const alertId = await this.alerts.raise(manager, requester, {
          source: 'trace_request',
          weaponId: hit.weapon.id,
          details: { caseNumber: request.caseNumber, requestingAgency: request.requestingAgency, match: hit.match, score: hit.score },
          traceRequestId: request.id,
        });
        if (alertId) alertIds.push(alertId);
      }
      const { outcome, traced } = outcomeOf(candidates);
      const result: TraceResultDto = {
        outcome,
        candidates: candidates.map((candidate) => ({ weapon: toWeaponDto(candidate.weapon), match: candidate.match, score: candidate.score })),
        ...(traced !== null ? { traceRecord: await this.records.build(candidates[traced].weapon.id) } : {}),
      };
      result.suggestedDiversionPoint = suggestDiversionPoint(result.traceRecord?.events ?? [], request.recovery.date);
      const before = toTraceRequestDto(request);
      if (traced !== null) {
        // The ministry's copy of the answer: a PDF trace record, filed with the answer itself.
        const weapon = candidates[traced].weapon;
        const report = await this.reports.file(manager, requester, {
          kind: ReportKind.WeaponTrace,
          format: ReportFormat.Pdf,
          params: { weaponId: weapon.id, registryNumber: weapon.registryNumber },
          requestedBy: request.requestedBy,
          requestedByUsername: request.requestedByUsername,
          requestId: request.requestId,
          language: request.language,
        });
        request.reportId = report.id;
      }
      request.status = 'completed';
      request.result = result as unknown as Record<string, unknown>;
      request.completedAt = new Date();
      request.version += 1;
      await manager.save(request);
      await this.audit.append(manager, queue, {
        action: 'trace_request.completed',
        entityType: 'trace_request',
        entityId: request.id,
        before: { status: before.status },
        after: {
          status: request.status,
          outcome,
          candidates: candidates.map((candidate) => candidate.weapon.id),
          alertIds,
          reportId: request.reportId,
        },
      });
      return outcome;
    });
  }
}
