import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { actorOf, AuditService } from '../audit/audit.service';
import { type RequestContext } from '../common/request-context';
import { CourtOrders } from '../owners/court-orders.service';
import { WeaponCustody } from '../registry/weapon-custody.service';
import { type IssueProhibitionDto, type ProhibitionOutcomeDto } from './prohibition.dto';
import { ProhibitionEntity } from './prohibition.entity';
import { toProhibitionDto } from './prohibition.mapper';

/** The alert kind a prohibition raises on each weapon its holder has in hand. */
export const SURRENDER_REQUIRED = 'SURRENDER_REQUIRED';

@Injectable()
export class IssueProhibitionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courtOrders: CourtOrders,
    private readonly custody: WeaponCustody,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * One transaction: the order is recorded, the owner becomes `prohibited`, every licence in
   * force is suspended naming the order, and every weapon in the owner's hands raises an open
   * SURRENDER_REQUIRED alert. Any failure leaves none of it.
   */
  async execute(ownerId: string, input: IssueProhibitionDto, context: RequestContext): Promise<ProhibitionOutcomeDto> {
    const actor = actorOf(context);
    return this.dataSource.transaction(async (manager) => {
      await this.courtOrders.lockOwner(manager, ownerId);
      const prohibition = await manager.save(
        manager.create(ProhibitionEntity, {
          ownerId,
          court: input.court,
          orderRef: input.orderRef,
          from: input.from,
          until: input.until ?? null,
          reason: input.reason,
          status: 'active',
          orderedBy: context.principal!.id,
          createdAt: new Date(),
          liftedAt: null,
          liftedBy: null,
          liftReason: null,
          version: 1,
        }),
      );
      const view = toProhibitionDto(prohibition);
      await this.audit.append(manager, actor, {
        action: 'prohibition.issued',
        entityType: 'prohibition',
        entityId: prohibition.id,
        before: null,
        after: view,
      });
      const order = { prohibitionId: prohibition.id, court: input.court, orderRef: input.orderRef };
      const licenceIds = await this.courtOrders.prohibit(manager, actor, ownerId, order);
      const weaponIds = await this.custody.inHandOf(manager, ownerId);
      const alertIds = await this.alerts.raiseAll(
        manager,
        actor,
        weaponIds.map((weaponId) => ({
          source: 'surrender_required' as const,
          weaponId,
          details: { kind: SURRENDER_REQUIRED, ...order, ownerId, from: input.from },
        })),
      );
      return { ...view, licenceIds, alertIds };
    });
  }
}
