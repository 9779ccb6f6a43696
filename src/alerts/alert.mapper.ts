import type { AlertDto } from './alert.dto';
import type { AlertEntity } from './alert.entity';

export function toAlertDto(alert: AlertEntity): AlertDto {
  return {
    id: alert.id,
    source: alert.source,
    status: alert.status,
    weapon: { ...alert.weapon },
    details: alert.details,
    traceRequestId: alert.traceRequestId,
    raisedBy: { id: alert.raisedBy, username: alert.raisedByUsername },
    raisedAt: alert.raisedAt.toISOString(),
    requestId: alert.requestId,
    acknowledgedBy: alert.acknowledgedAt ? { id: alert.acknowledgedBy, username: alert.acknowledgedByUsername ?? '' } : null,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    version: alert.version,
  };
}
