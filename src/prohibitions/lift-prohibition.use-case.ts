import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import { type RequestContext } from '../common/request-context';
import { CourtOrders } from '../owners/court-orders.service';
import { type LiftProhibitionDto, type ProhibitionOutcomeDto } from './prohibition.dto';
import { ProhibitionEntity } from './prohibition.entity';
import { toProhibitionDto } from './prohibition.mapper';
import { ProhibitionAlreadyLiftedError } from './prohibitions.errors';

@Injectable()
export class LiftProhibitionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courtOrders: CourtOrders,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * One transaction: the prohibition is lifted; the licences it suspended are reinstated
   * (other suspensions stay); the owner is active again unless another prohibition is still
   * active; its open SURRENDER_REQUIRED alerts are acknowledged by the person lifting it, since
   * nothing is left to surrender. Weapons already surrendered stay with the State: handing
   * them back is a `returned` event of its own.
   */
  async execute(id: string, input: LiftProhibitionDto, context: RequestContext): Promise<ProhibitionOutcomeDto> {
    const actor = actorOf(context);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(ProhibitionEntity, { select: { id: true, ownerId: true }, where: { id } });
      if (!found) throw new NotFoundError('prohibition', id);
      // The owner first, as when a prohibition is issued: the two take their locks in one order.
      await this.courtOrders.lockOwner(manager, found.ownerId);
      const prohibition = await manager.findOneOrFail(ProhibitionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (prohibition.status === 'lifted') throw new ProhibitionAlreadyLiftedError(id);

      const before = toProhibitionDto(prohibition);
      Object.assign(prohibition, {
        status: 'lifted',
        liftedAt: new Date(),
        liftedBy: context.principal!.id,
        liftReason: input.reason,
        version: prohibition.version + 1,
      });
      const view = toProhibitionDto(await manager.save(prohibition));
      await this.audit.append(manager, actor, { action: 'prohibition.lifted', entityType: 'prohibition', entityId: id, before, after: view });

      const stillProhibited = await manager.exists(ProhibitionEntity, {
        where: { ownerId: prohibition.ownerId, status: 'active', id: Not(id) },
      });
      const reason = `Court prohibition ${prohibition.orderRef} lifted: ${input.reason}`;
      const licenceIds = await this.courtOrders.lift(manager, actor, prohibition.ownerId, id, stillProhibited, reason);
      const alertIds = await this.alerts.acknowledgeMatching(manager, actor, 'surrender_required', { prohibitionId: id });
      return { ...view, licenceIds, alertIds };
    });
  }
}
