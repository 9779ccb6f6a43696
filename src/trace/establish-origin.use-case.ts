import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import type { EstablishOriginDto, TraceRequestDto } from './trace-request.dto';
import { TraceRequestEntity } from './trace-request.entity';
import { toTraceRequestDto } from './trace-request.mapper';

/**
 * Records the competent authority's finding on a trace request's illicit origin (the SDG
 * 16.4.2 numerator). A later finding replaces an earlier one; both stay in the audit log.
 */
@Injectable()
export class EstablishOriginUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, input: EstablishOriginDto, context: RequestContext): Promise<TraceRequestDto> {
    return this.dataSource.transaction((manager) => this.within(manager, id, input, actorOf(context), context.principal!.id));
  }

  /**
   * The same finding, written in the caller's transaction: another module's use case (an
   * international trace's foreign answer naming the diversion point) records it together with
   * its own change, all or nothing.
   */
  async within(manager: EntityManager, id: string, input: EstablishOriginDto, actor: AuditActor, establishedBy: string): Promise<TraceRequestDto> {
    const request = await manager.findOne(TraceRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new NotFoundError('traceRequest', id);
    const before = request.illicitOrigin;
    request.illicitOrigin = {
      established: input.established,
      method: input.method,
      diversionPoint: input.diversionPoint,
      notes: input.notes ?? null,
      establishedBy,
      establishedAt: new Date().toISOString(),
    };
    request.version += 1;
    await manager.save(request);
    await this.audit.append(manager, actor, {
      action: 'trace_request.origin_established',
      entityType: 'trace_request',
      entityId: id,
      before: { illicitOrigin: before },
      after: { illicitOrigin: request.illicitOrigin },
    });
    return toTraceRequestDto(request);
  }
}
