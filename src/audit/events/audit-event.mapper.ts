import { type ChainedEntry } from '../chain/audit-chain';
import { diffJson } from './audit-diff';
import { type AuditEventDto, type AuditHistoryEntryDto } from './audit-event.dto';

export function toAuditEventDto(entry: ChainedEntry): AuditEventDto {
  return {
    seq: entry.seq,
    occurredAt: entry.occurredAt,
    actor: { id: entry.actorId, username: entry.actorUsername },
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
    clientIp: entry.clientIp,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export function toAuditHistoryEntryDto(entry: ChainedEntry): AuditHistoryEntryDto {
  return {
    seq: entry.seq,
    occurredAt: entry.occurredAt,
    actor: { id: entry.actorId, username: entry.actorUsername },
    action: entry.action,
    requestId: entry.requestId,
    hash: entry.hash,
    diff: diffJson(entry.before, entry.after),
  };
}
