import type { FindingDto, ReconciliationRunDto } from './reconciliation.dto';
import type { ReconciliationFindingEntity } from './reconciliation-finding.entity';
import type { ReconciliationRunEntity } from './reconciliation-run.entity';

export function toRunDto(run: ReconciliationRunEntity): ReconciliationRunDto {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    checked: run.checked,
    findingsByKind: run.findingsByKind ? { ...run.findingsByKind } : null,
    auditChain: run.auditChain ? { ...run.auditChain } : null,
    durationsMs: run.durationsMs ? { ...run.durationsMs } : null,
    attempts: run.attempts,
    ...(run.failureReason ? { failureReason: run.failureReason } : {}),
  };
}

export function toFindingDto(finding: ReconciliationFindingEntity): FindingDto {
  return {
    id: finding.id,
    kind: finding.kind,
    weaponId: finding.weaponId,
    holderId: finding.holderId,
    evidence: finding.evidence,
  };
}
