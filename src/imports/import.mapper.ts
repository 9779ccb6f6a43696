import type { ImportDto, ImportRowErrorDto, ImportSummaryDto } from './import.dto';
import type { ImportEntity } from './import.entity';

export function toImportSummaryDto(entity: ImportEntity): ImportSummaryDto {
  return {
    id: entity.id,
    status: entity.status,
    total: entity.total,
    processed: entity.processed,
    accepted: entity.accepted,
    rejected: entity.rejected,
    sha256: entity.sha256,
    sizeBytes: entity.sizeBytes,
    ...(entity.failureReason ? { failureReason: entity.failureReason } : {}),
    importedBy: entity.importedBy,
    createdAt: entity.createdAt.toISOString(),
    startedAt: entity.startedAt?.toISOString() ?? null,
    finishedAt: entity.finishedAt?.toISOString() ?? null,
  };
}

export function toImportDto(entity: ImportEntity, errors: ImportRowErrorDto[]): ImportDto {
  return { ...toImportSummaryDto(entity), errors };
}
