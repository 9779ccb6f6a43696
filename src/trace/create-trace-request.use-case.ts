import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { isCalendarDay, panamaDay } from '../common/dates';
import { type FieldError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/language';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import { DistrictsService } from '../reference/districts.service';
import { MarkingsService } from '../registry/markings.service';
import { foldedSerialError } from '../registry/serial';
import { MIN_SEARCH_LENGTH, serialQuery } from './serial-match';
import type { AcceptedTraceRequestDto, CreateTraceRequestDto } from './trace-request.dto';
import { TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';

@Injectable()
export class CreateTraceRequestUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly districts: DistrictsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The request, its job and its audit entry commit together: a request that fails here
   * leaves neither a row nor a job behind.
   */
  async execute(input: CreateTraceRequestDto, context: RequestContext, language: Language = DEFAULT_LANGUAGE): Promise<AcceptedTraceRequestDto> {
    await this.check(input);
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const request = manager.create(TraceRequestEntity, {
        caseNumber: input.caseNumber,
        requestingAgency: input.requestingAgency,
        reason: input.reason,
        crimeType: input.crimeType ?? null,
        recovery: { date: input.recovery.date, place: input.recovery.place, district: input.recovery.district ?? null },
        marking: {
          serialNumber: input.marking.serialNumber,
          make: input.marking.make ?? null,
          model: input.marking.model ?? null,
          calibre: input.marking.calibre ?? null,
          type: input.marking.type ?? null,
          countryOfManufacture: input.marking.countryOfManufacture ?? null,
        },
        status: 'queued',
        result: null,
        failureReason: null,
        attempts: 0,
        requestedBy: principal.id,
        requestedByUsername: principal.username,
        requestId: context.requestId,
        createdAt: new Date(),
        startedAt: null,
        completedAt: null,
        reportId: null,
        version: 1,
        language,
      });
      await manager.save(request);
      await this.outbox.enqueue(manager, JobName.AnswerTraceRequest, { traceRequestId: request.id });
      await this.audit.append(manager, actorOf(context), {
        action: 'trace_request.created',
        entityType: 'trace_request',
        entityId: request.id,
        before: null,
        after: toTraceRequestDto(request),
      });
      return { id: request.id, status: 'queued' as const };
    });
  }

  private async check(input: CreateTraceRequestDto): Promise<void> {
    const errors: FieldError[] = [];
    const { normalized } = serialQuery(input.marking.serialNumber);
    const unfoldable = normalized.length > 0 ? foldedSerialError(normalized, 'marking.serialNumber') : null;
    if (unfoldable) {
      errors.push(unfoldable);
    } else if (normalized.length < MIN_SEARCH_LENGTH) {
      errors.push({
        field: 'marking.serialNumber',
        message: msg('field.serialTooShort', 'marking.serialNumber', MIN_SEARCH_LENGTH),
      });
    }
    if (!isCalendarDay(input.recovery.date)) {
      errors.push({ field: 'recovery.date', message: msg('field.notCalendarDay', 'recovery.date') });
    } else if (input.recovery.date > panamaDay()) {
      errors.push({ field: 'recovery.date', message: msg('field.inFuture', 'recovery.date') });
    }
    if (input.recovery.district && (await this.districts.unknownCodes([input.recovery.district])).length > 0) {
      errors.push({ field: 'recovery.district', message: msg('field.unknownDistrict', 'recovery.district', input.recovery.district) });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const { make, calibre, type } = input.marking;
    // An unknown type cannot narrow the search: refused now rather than failing in the job.
    if (type) this.markings.canonicalise({ make: make ?? 'x', calibre: calibre ?? 'x', type }, 'marking.');
  }
}
