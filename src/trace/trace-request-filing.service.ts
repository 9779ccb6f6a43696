import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditInput } from '../audit/audit.service';
import type { Language } from '../i18n/language';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import type { MarkingDescription, Recovery, TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';

/** One trace request to file inside another use case's transaction; the id is the caller's. */
export interface TraceRequestFiling {
  id: string;
  caseNumber: string;
  requestingAgency: string;
  reason: string;
  crimeType: string | null;
  recovery: Recovery;
  marking: MarkingDescription;
}

export interface FilingRequester {
  id: string;
  username: string;
  requestId: string | null;
  /** The language the requester reads (Accept-Language); the answering report is written in it. Default Spanish. */
  language?: Language;
}

/**
 * Files many trace requests at once inside the caller's transaction (a recovery files one per
 * weapon): one insert, one outbox insert that queues the existing answering job for each, and
 * the `trace_request.created` audit entries returned for the caller to append with its own.
 */
@Injectable()
export class TraceRequestFilings {
  constructor(private readonly outbox: OutboxService) {}

  async fileMany(manager: EntityManager, requester: FilingRequester, filings: readonly TraceRequestFiling[]): Promise<AuditInput[]> {
    if (filings.length === 0) return [];
    const createdAt = new Date();
    await manager.query(
      `INSERT INTO trace_requests (id, case_number, requesting_agency, reason, crime_type, recovery, marking, status,
                                   attempts, requested_by, requested_by_username, request_id, created_at, version, language)
       SELECT f.id, f."caseNumber", f."requestingAgency", f.reason, f."crimeType", f.recovery, f.marking, 'queued',
              0, $2, $3, $4, $5, 1, $6
         FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, "caseNumber" text, "requestingAgency" text, reason text,
                                                 "crimeType" text, recovery jsonb, marking jsonb)`,
      [JSON.stringify(filings), requester.id, requester.username, requester.requestId, createdAt, requester.language ?? 'es'],
    );
    await this.outbox.enqueueMany(
      manager,
      JobName.AnswerTraceRequest,
      filings.map((filing) => ({ traceRequestId: filing.id })),
    );
    return filings.map((filing) => {
      const entity: TraceRequestEntity = {
        ...filing,
        status: 'queued',
        result: null,
        failureReason: null,
        attempts: 0,
        requestedBy: requester.id,
        requestedByUsername: requester.username,
        requestId: requester.requestId,
        createdAt,
        startedAt: null,
        completedAt: null,
        reportId: null,
        illicitOrigin: null,
        version: 1,
        language: requester.language ?? 'es',
      };
      return { action: 'trace_request.created', entityType: 'trace_request', entityId: filing.id, before: null, after: toTraceRequestDto(entity) };
    });
  }

  /** Of these trace requests, the ones the queue has not answered yet (queued or processing). */
  async unanswered(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT id FROM trace_requests WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'processing')`,
      [ids],
    )) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }
}
