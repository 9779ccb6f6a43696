import type { InternationalTraceDto } from './international-trace-response.dto';
import type { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';

/** Incoming, still open, and past its due date at `now`. */
export function isOverdue(trace: Pick<InternationalTraceEntity, 'direction' | 'status' | 'dueAt'>, now = new Date()): boolean {
  return trace.direction === 'incoming' && trace.status === 'open' && trace.dueAt !== null && trace.dueAt.getTime() < now.getTime();
}

export function toInternationalTraceDto(trace: InternationalTraceEntity, pack: TracePackageEntity | null): InternationalTraceDto {
  return {
    id: trace.id,
    direction: trace.direction,
    state: trace.state,
    agencyReference: trace.agencyReference,
    receivedAt: trace.receivedAt.toISOString(),
    dueAt: trace.dueAt?.toISOString() ?? null,
    overdue: isOverdue(trace),
    weaponId: trace.weaponId ?? pack?.weaponId ?? null,
    traceRequestId: trace.traceRequestId,
    marking: { ...trace.marking },
    circumstances: trace.circumstances,
    restrictions: { ...trace.restrictions },
    status: trace.status,
    package: {
      status: pack?.status ?? 'queued',
      outcome: pack?.outcome ?? null,
      weaponId: pack?.weaponId ?? null,
      sha256: pack?.sha256 ?? null,
      failureReason: pack?.failureReason ?? null,
    },
    response: trace.response,
    reply: trace.reply,
    version: trace.version,
    createdBy: trace.createdBy,
    createdAt: trace.createdAt.toISOString(),
    updatedAt: trace.updatedAt.toISOString(),
  };
}
