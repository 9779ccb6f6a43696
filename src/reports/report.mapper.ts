import { CONTENT_TYPES } from './report-kinds';
import type { ReportDto } from './report.dto';
import type { ReportEntity } from './report.entity';

export function toReportDto(report: ReportEntity): ReportDto {
  return {
    id: report.id,
    kind: report.kind,
    format: report.format,
    params: { ...report.params },
    status: report.status,
    contentType: CONTENT_TYPES[report.format],
    attempts: report.attempts,
    requestedBy: report.requestedBy,
    language: report.language,
    createdAt: report.createdAt.toISOString(),
    ...(report.startedAt ? { startedAt: report.startedAt.toISOString() } : {}),
    ...(report.generatedAt ? { generatedAt: report.generatedAt.toISOString() } : {}),
    ...(report.completedAt ? { completedAt: report.completedAt.toISOString() } : {}),
    ...(report.auditHeadSeq !== null ? { auditHeadSeq: Number(report.auditHeadSeq) } : {}),
    ...(report.sha256 !== null ? { sha256: report.sha256 } : {}),
    ...(report.sizeBytes !== null ? { sizeBytes: Number(report.sizeBytes) } : {}),
    ...(report.rowCount !== null ? { rowCount: report.rowCount } : {}),
    ...(report.fileName !== null ? { fileName: report.fileName } : {}),
    ...(report.failureReason !== null ? { failureReason: report.failureReason } : {}),
  };
}
