import type { TraceRequestDto, TraceResultDto } from './trace-request.dto';
import type { TraceRequestEntity } from './trace-request.entity';

export function toTraceRequestDto(request: TraceRequestEntity): TraceRequestDto {
  return {
    id: request.id,
    caseNumber: request.caseNumber,
    requestingAgency: request.requestingAgency,
    reason: request.reason,
    crimeType: request.crimeType,
    recovery: { ...request.recovery },
    marking: { ...request.marking },
    status: request.status,
    ...(request.result ? { result: request.result as unknown as TraceResultDto } : {}),
    ...(request.failureReason ? { failureReason: request.failureReason } : {}),
    attempts: request.attempts,
    requestedBy: request.requestedBy,
    createdAt: request.createdAt.toISOString(),
    startedAt: request.startedAt?.toISOString() ?? null,
    completedAt: request.completedAt?.toISOString() ?? null,
    ...(request.reportId ? { reportId: request.reportId } : {}),
    illicitOrigin: request.illicitOrigin ? { ...request.illicitOrigin } : null,
  };
}
