import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import type { AcceptedRunDto } from './reconciliation.dto';
import { ReconciliationRunEntity } from './reconciliation-run.entity';
import { toRunDto } from './reconciliation.mapper';

@Injectable()
export class RequestReconciliationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The run, its job and its audit entry commit together, or none of them does. */
  async execute(context: RequestContext): Promise<AcceptedRunDto> {
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const run = manager.create(ReconciliationRunEntity, {
        trigger: 'manual',
        firing: null,
        status: 'queued',
        requestedBy: principal.id,
        requestedByUsername: principal.username,
        requestId: context.requestId,
        attempts: 0,
        createdAt: new Date(),
        startedAt: null,
        finishedAt: null,
        checked: null,
        findingsByKind: null,
        auditChain: null,
        durationsMs: null,
        failureReason: null,
      });
      await manager.save(run);
      await this.outbox.enqueue(manager, JobName.Reconcile, { runId: run.id });
      await this.audit.append(manager, actorOf(context), {
        action: 'reconciliation_run.requested',
        entityType: 'reconciliation_run',
        entityId: run.id,
        before: null,
        after: toRunDto(run),
      });
      return { id: run.id, status: 'queued' as const };
    });
  }
}
