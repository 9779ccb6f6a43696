import type { ProhibitionDto } from './prohibition.dto';
import type { ProhibitionEntity } from './prohibition.entity';

export function toProhibitionDto(prohibition: ProhibitionEntity): ProhibitionDto {
  return {
    id: prohibition.id,
    ownerId: prohibition.ownerId,
    court: prohibition.court,
    orderRef: prohibition.orderRef,
    from: prohibition.from,
    until: prohibition.until,
    reason: prohibition.reason,
    status: prohibition.status,
    orderedBy: prohibition.orderedBy,
    createdAt: prohibition.createdAt.toISOString(),
    liftedAt: prohibition.liftedAt?.toISOString() ?? null,
    liftedBy: prohibition.liftedBy,
    liftReason: prohibition.liftReason,
    version: prohibition.version,
  };
}
