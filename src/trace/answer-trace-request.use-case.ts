import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import type { JobContext } from '../queue/jobs';
import { toWeaponDto } from '../registry/registry.mapper';
import { MISSING_STATUSES } from '../registry/weapon-status';
import { ReportFormat, ReportKind } from '../reports/report-kinds';
import { ReportRequests } from '../reports/report-requests.service';
import { AlertsService } from './alerts.service';
import { suggestDiversionPoint } from './diversion-suggestion';
import { outcomeOf } from './serial-match';
import type { TraceResultDto } from './trace-request.dto';
import { TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';
import { TraceRecords } from './trace-records.query';
import { TraceSearch } from './trace-search.service';

/** A job waits no longer than this for a lock; contention becomes a retry with backoff instead. */
const LOCK_TIMEOUT = '10s';

/** Written by the queue on the requester's behalf; the entry carries the filing request's id. */
function queueActor(request: TraceRequestEntity): AuditActor {
  return { requestId: request.requestId, clientIp: null, actorId: null, actorUsername: 'queue' };
}

/**
 * Answers a trace request: searches the registry for its marking and stores the outcome.
 * BullMQ may run it more than once (retries, a worker lost mid-job): the outcome is written
 * only by the run that finds the request unanswered, under the request's row lock, together
 * with its alerts and audit entry, so a repeated run changes nothing.
 */
@Injectable()
export class AnswerTraceRequestUseCase {
  private readonly logger = new Logger('TraceRequests');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: TraceSearch,
    private readonly records: TraceRecords,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly reports: ReportRequests,
  ) {}

  async execute(traceRequestId: string, job: JobContext): Promise<{ status: string }> {
    try {
      if (!(await this.start(traceRequestId))) return { status: 'already answered' };
      return { status: await this.answer(traceRequestId) };
    } catch (error) {
      if (job.finalAttempt) await this.fail(traceRequestId, job, error);
      throw error;
    }
  }

  /** BullMQ failed the job without running it (its worker died under it too often): recorded as failed. */
  async abandoned(traceRequestId: string, job: JobContext, reason: string): Promise<void> {
    await this.fail(traceRequestId, job, new Error(reason));
  }

  /** queued → processing, counting the run; false when there is nothing left to do. */
  private async start(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      const request = await manager.findOne(TraceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) {
        this.logger.warn(`trace request ${id} does not exist; its job has nothing to do`);
        return false;
      }
      if (request.status === 'completed' || request.status === 'failed') return false;
      request.status = 'processing';
      request.attempts += 1;
      request.startedAt ??= new Date();
      await manager.save(request);
      return true;
    });
  }

  private async answer(id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
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
        });
        request.reportId = report.id;
      }
      request.status = 'completed';
      request.result = result as unknown as Record<string, unknown>;
      request.completedAt = new Date();
      request.version += 1;
      await manager.save(request);
      await this.audit.append(manager, queueActor(request), {
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

  /** The retries are spent: the requester is told it failed, in words that name no internals. */
  private async fail(id: string, job: JobContext, error: unknown): Promise<void> {
    this.logger.error(`trace request ${id} failed after ${job.attempt} attempts: ${(error as Error).message}`);
    try {
      await this.dataSource.transaction(async (manager) => {
        const request = await manager.findOne(TraceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!request || request.status === 'completed' || request.status === 'failed') return;
        request.status = 'failed';
        request.failureReason = `The registry could not be searched (${job.attempt} attempts). File the request again, or ask the registry desk.`;
        request.completedAt = new Date();
        request.version += 1;
        await manager.save(request);
        await this.audit.append(manager, queueActor(request), {
          action: 'trace_request.failed',
          entityType: 'trace_request',
          entityId: request.id,
          before: { status: 'processing' },
          after: { status: 'failed', attempts: request.attempts, failureReason: request.failureReason },
        });
      });
    } catch (recording) {
      this.logger.error(`could not record the failure of trace request ${id}: ${(recording as Error).message}`);
    }
  }
}
