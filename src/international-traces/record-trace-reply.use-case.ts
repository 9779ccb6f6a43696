import { Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError, ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { countryName } from '../i18n/display-names';
import { EstablishOriginUseCase } from '../trace/establish-origin.use-case';
import type { ReplyInternationalTraceDto } from './international-trace.dto';
import type { InternationalTraceDto } from './international-trace-response.dto';
import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';
import { toInternationalTraceDto } from './international-trace.mapper';
import { TraceNotOpenError, WrongTraceDirectionError } from './international-traces.errors';

/**
 * Records the foreign state's answer to an outgoing trace. When the trace serves a domestic
 * trace request and the answer names a diversion point, that request's illicit origin is
 * recorded in the same transaction (through trace's own use case): established when the
 * weapon was traced, with the method `tracing`.
 */
@Injectable()
export class RecordTraceReplyUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly establishOrigin: EstablishOriginUseCase,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, input: ReplyInternationalTraceDto, context: RequestContext): Promise<InternationalTraceDto> {
    return this.dataSource.transaction(async (manager) => {
      const trace = await manager.findOne(InternationalTraceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!trace) throw new NotFoundError('internationalTrace', id);
      if (trace.direction !== 'outgoing') throw new WrongTraceDirectionError(id, trace.direction);
      if (trace.status !== 'open') throw new TraceNotOpenError(id, trace.status);
      const receivedAt = new Date(input.receivedAt);
      if (receivedAt.getTime() < trace.receivedAt.getTime()) {
        throw new ValidationFailedError([{ field: 'receivedAt', message: msg('iti.replyBeforeSent', 'receivedAt') }]);
      }
      const now = new Date();
      const actor = actorOf(context);
      trace.status = 'answered';
      trace.reply = {
        receivedAt: receivedAt.toISOString(),
        outcome: input.outcome,
        summary: input.summary,
        diversionPoint: input.diversionPoint ?? null,
        recordedBy: context.principal!.id,
        recordedAt: now.toISOString(),
      };
      trace.version += 1;
      trace.updatedAt = now;
      await manager.save(trace);
      const feedsOrigin = trace.traceRequestId !== null && input.diversionPoint !== undefined;
      await this.audit.append(manager, actor, {
        action: 'international_trace.replied',
        entityType: 'international_trace',
        entityId: id,
        before: { status: 'open' },
        after: { status: trace.status, reply: trace.reply, traceRequestId: feedsOrigin ? trace.traceRequestId : null },
      });
      if (feedsOrigin) {
        await this.establishOrigin.within(
          manager,
          trace.traceRequestId!,
          {
            established: input.outcome === 'traced',
            method: 'tracing',
            diversionPoint: input.diversionPoint!,
            notes: `ITI ${countryName(trace.state, 'en')} ${trace.agencyReference}: ${input.summary}`.slice(0, 2000),
          },
          actor,
          context.principal!.id,
        );
      }
      const pack = await manager.findOneBy(TracePackageEntity, { id });
      return toInternationalTraceDto(trace, pack);
    });
  }
}
