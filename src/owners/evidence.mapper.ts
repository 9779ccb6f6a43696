import { todayInPanama } from './calendar';
import { type EvidenceDto } from './evidence.dto';
import { type EvidenceEntity } from './evidence.entity';

export function toEvidenceDto(evidence: EvidenceEntity, today: string = todayInPanama()): EvidenceDto {
  return {
    id: evidence.id,
    ownerId: evidence.ownerId,
    kind: evidence.kind,
    issuedAt: evidence.issuedAt,
    validUntil: evidence.validUntil,
    reference: evidence.reference,
    inForce: evidence.issuedAt <= today && today <= evidence.validUntil,
    recordedAt: evidence.recordedAt.toISOString(),
  };
}
