import { Inject, Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { DomainError, type FieldError, ValidationFailedError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import type { RequestContext } from '../common/request-context';
import { itiConfig } from '../config';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import { MarkingsService } from '../registry/markings.service';
import { foldedSerialError } from '../registry/serial';
import { WeaponsQuery } from '../registry/weapons.query';
import { MIN_SEARCH_LENGTH, serialQuery } from '../trace/serial-match';
import { TraceRequestsQuery } from '../trace/trace-requests.query';
import type { CreateInternationalTraceDto } from './international-trace.dto';
import type { InternationalTraceDto } from './international-trace-response.dto';
import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';
import { toInternationalTraceDto } from './international-trace.mapper';

const DAY_MS = 86_400_000;

/**
 * Files an international trace: the trace, its package's queued job (through the outbox) and
 * the audit entry commit together. Incoming, the queue searches the registry for the marking;
 * outgoing, it packs the weapon's record and recovery to send.
 */
@Injectable()
export class CreateInternationalTraceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(itiConfig.KEY) private readonly config: ConfigType<typeof itiConfig>,
    private readonly markings: MarkingsService,
    private readonly weapons: WeaponsQuery,
    private readonly traceRequests: TraceRequestsQuery,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: CreateInternationalTraceDto, context: RequestContext): Promise<InternationalTraceDto> {
    const now = new Date();
    const receivedAt = input.direction === 'incoming' && input.receivedAt ? new Date(input.receivedAt) : now;
    const dueAt = input.dueAt
      ? new Date(input.dueAt)
      : input.direction === 'incoming'
        ? new Date(receivedAt.getTime() + this.config.responseDays * DAY_MS)
        : null;
    await this.check(input, receivedAt, dueAt, now);
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const trace = manager.create(InternationalTraceEntity, {
        id: randomUUID(),
        direction: input.direction,
        state: input.state,
        agencyReference: input.agencyReference,
        receivedAt,
        dueAt,
        weaponId: input.direction === 'outgoing' ? input.weaponId! : null,
        traceRequestId: input.traceRequestId ?? null,
        marking: {
          make: input.marking.make,
          model: input.marking.model ?? null,
          type: input.marking.type,
          calibre: input.marking.calibre ?? null,
          serialNumber: input.marking.serialNumber,
          countryOfManufacture: input.marking.countryOfManufacture ?? null,
          importMarking: input.marking.importMarking ?? null,
          otherMarkings: input.marking.otherMarkings ?? null,
        },
        circumstances: input.circumstances,
        restrictions: {
          confidential: input.restrictions?.confidential ?? false,
          noOnwardSharing: input.restrictions?.noOnwardSharing ?? false,
          purposeOnly: input.restrictions?.purposeOnly ?? null,
        },
        status: 'open',
        response: null,
        reply: null,
        version: 1,
        createdBy: principal.id,
        createdByUsername: principal.username,
        requestId: context.requestId,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(trace);
      const pack = manager.create(TracePackageEntity, {
        id: trace.id,
        status: 'queued',
        attempts: 0,
        requestId: context.requestId,
        createdAt: now,
        startedAt: null,
        completedAt: null,
        failureReason: null,
        outcome: null,
        weaponId: null,
        content: null,
        sha256: null,
        auditHeadSeq: null,
        auditHeadHash: null,
        namesOwners: null,
      });
      await manager.save(pack);
      await this.outbox.enqueue(manager, JobName.PrepareTracePackage, { packageId: pack.id });
      const dto = toInternationalTraceDto(trace, pack);
      await this.audit.append(manager, actorOf(context), {
        action: 'international_trace.created',
        entityType: 'international_trace',
        entityId: trace.id,
        before: null,
        after: {
          direction: dto.direction,
          state: dto.state,
          agencyReference: dto.agencyReference,
          receivedAt: dto.receivedAt,
          dueAt: dto.dueAt,
          weaponId: dto.weaponId,
          traceRequestId: dto.traceRequestId,
          marking: dto.marking,
          circumstances: dto.circumstances,
          restrictions: dto.restrictions,
          status: dto.status,
        },
      });
      return dto;
    });
  }

  private async check(input: CreateInternationalTraceDto, receivedAt: Date, dueAt: Date | null, now: Date): Promise<void> {
    const errors: FieldError[] = [];
    const { normalized } = serialQuery(input.marking.serialNumber);
    const unfoldable = normalized.length > 0 ? foldedSerialError(normalized, 'marking.serialNumber') : null;
    if (unfoldable) errors.push(unfoldable);
    else if (normalized.length < MIN_SEARCH_LENGTH) {
      errors.push({ field: 'marking.serialNumber', message: msg('field.serialTooShort', 'marking.serialNumber', MIN_SEARCH_LENGTH) });
    }
    if (input.direction === 'incoming') {
      if (input.weaponId !== undefined) errors.push({ field: 'weaponId', message: msg('iti.outgoingOnly', 'weaponId') });
      if (input.traceRequestId !== undefined) errors.push({ field: 'traceRequestId', message: msg('iti.outgoingOnly', 'traceRequestId') });
      if (receivedAt.getTime() > now.getTime() + 60_000) errors.push({ field: 'receivedAt', message: msg('field.inFuture', 'receivedAt') });
    } else {
      if (input.receivedAt !== undefined) errors.push({ field: 'receivedAt', message: msg('iti.incomingOnly', 'receivedAt') });
      if (input.weaponId === undefined) errors.push({ field: 'weaponId', message: msg('iti.outgoingNeedsWeapon', 'weaponId') });
    }
    if (dueAt !== null && dueAt.getTime() < receivedAt.getTime()) {
      errors.push({ field: 'dueAt', message: msg('field.before', 'dueAt', 'receivedAt') });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    // An unknown weapon type cannot narrow the search: refused now rather than failing in the job.
    this.markings.canonicalise({ make: input.marking.make, calibre: input.marking.calibre ?? 'x', type: input.marking.type }, 'marking.');
    if (input.weaponId !== undefined) await this.exists('weaponId', () => this.weapons.get(input.weaponId!));
    if (input.traceRequestId !== undefined) await this.exists('traceRequestId', () => this.traceRequests.get(input.traceRequestId!));
  }

  /** A reference to a record that does not exist is a bad field of this request, not a missing resource. */
  private async exists(field: string, load: () => Promise<unknown>): Promise<void> {
    try {
      await load();
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) {
        throw new ValidationFailedError([{ field, message: msg('field.noSuchRecord', field) }]);
      }
      throw error;
    }
  }
}
