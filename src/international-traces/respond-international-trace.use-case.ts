import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import type { RespondInternationalTraceDto } from './international-trace.dto';
import type { InternationalTraceDto } from './international-trace-response.dto';
import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';
import { toInternationalTraceDto } from './international-trace.mapper';
import { PackageNotReadyError, TraceNotOpenError, WrongTraceDirectionError } from './international-traces.errors';

/**
 * Records Panama's answer to an incoming trace: the trace becomes `answered`, and the audit
 * entry names the sha256 of the package that was sent, so what left can be proven later.
 */
@Injectable()
export class RespondInternationalTraceUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, input: RespondInternationalTraceDto, context: RequestContext): Promise<InternationalTraceDto> {
    return this.dataSource.transaction(async (manager) => {
      const trace = await manager.findOne(InternationalTraceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!trace) throw new NotFoundError('internationalTrace', id);
      if (trace.direction !== 'incoming') throw new WrongTraceDirectionError(id, trace.direction);
      if (trace.status !== 'open') throw new TraceNotOpenError(id, trace.status);
      const pack = await manager.findOneByOrFail(TracePackageEntity, { id });
      if (pack.status !== 'completed' || pack.sha256 === null) throw new PackageNotReadyError(id, pack.status, pack.failureReason);
      const now = new Date();
      trace.status = 'answered';
      trace.response = { summary: input.summary, packageSha256: pack.sha256, respondedBy: context.principal!.id, respondedAt: now.toISOString() };
      trace.version += 1;
      trace.updatedAt = now;
      await manager.save(trace);
      await this.audit.append(manager, actorOf(context), {
        action: 'international_trace.responded',
        entityType: 'international_trace',
        entityId: id,
        before: { status: 'open' },
        // The holders the package names left the country: ownerIds puts it in their access log.
        after: {
          status: trace.status,
          summary: input.summary,
          packageSha256: pack.sha256,
          outcome: pack.outcome,
          weaponId: pack.weaponId,
          ownerIds: pack.namesOwners ?? [],
        },
      });
      return toInternationalTraceDto(trace, pack);
    });
  }
}
