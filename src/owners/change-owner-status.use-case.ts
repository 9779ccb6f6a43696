import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { NotFoundError, StaleVersionError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { type ChangeOwnerStatusDto, type OwnerDto } from './owner.dto';
import { OwnerEntity } from './owner.entity';
import { toOwnerAuditView, toOwnerDto } from './owner.mapper';
import { statusChangeRefusal } from './owner-status';
import { OwnerStatusTransitionError } from './owners.errors';

@Injectable()
export class ChangeOwnerStatusUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, input: ChangeOwnerStatusDto, context: RequestContext): Promise<OwnerDto> {
    return this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOne(OwnerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!owner) throw new NotFoundError('owner', id);
      assertInJurisdiction(context.principal, owner.district);
      if (owner.version !== input.version) throw new StaleVersionError(owner.version);
      const refusal = statusChangeRefusal(owner.status, input.status);
      if (refusal) throw new OwnerStatusTransitionError(refusal);

      const before = toOwnerAuditView(owner);
      Object.assign(owner, { status: input.status, statusReason: input.reason, version: owner.version + 1 });
      const saved = await manager.save(owner);
      await this.audit.append(manager, actorOf(context), {
        action: 'owner.status_changed',
        entityType: 'owner',
        entityId: id,
        before,
        after: toOwnerAuditView(saved),
      });
      return toOwnerDto(saved);
    });
  }
}
