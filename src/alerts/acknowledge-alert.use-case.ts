import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import type { AlertDto } from './alert.dto';
import { AlertEntity } from './alert.entity';
import { toAlertDto } from './alert.mapper';

@Injectable()
export class AcknowledgeAlertUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Acknowledging is idempotent: an alert already acknowledged is returned as it is, naming
   * whoever acknowledged it first, and nothing is written.
   */
  async execute(id: string, context: RequestContext): Promise<AlertDto> {
    const principal = context.principal!;
    return this.dataSource.transaction(async (manager) => {
      const alert = await manager.findOne(AlertEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!alert) throw new NotFoundError('alert', id);
      if (alert.status === 'acknowledged') return toAlertDto(alert);
      const before = toAlertDto(alert);
      alert.status = 'acknowledged';
      alert.acknowledgedBy = principal.id;
      alert.acknowledgedByUsername = principal.username;
      alert.acknowledgedAt = new Date();
      alert.version += 1;
      await manager.save(alert);
      const after = toAlertDto(alert);
      await this.audit.append(manager, actorOf(context), {
        action: 'alert.acknowledged',
        entityType: 'alert',
        entityId: alert.id,
        before,
        after,
      });
      return after;
    });
  }
}
