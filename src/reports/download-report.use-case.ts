import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { mayReadReport } from '../personal-data/report-access';
import { ReportFileStore } from './report-file.store';
import { CONTENT_TYPES } from './report-kinds';
import { ReportEntity } from './report.entity';
import { ReportNotReadyError } from './reports.errors';

export interface ReportFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** RFC 9530 Repr-Digest: the SHA-256 of the file, base64 between colons. */
  reprDigest: string;
  stream: Readable;
}

@Injectable()
export class DownloadReportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: ReportFileStore,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reports hold owners' names and documents, so each download is audited with the caller,
   * as each view of a trace record is (trace.viewed): the requester may not be the reader.
   */
  async execute(id: string, context: RequestContext): Promise<ReportFile> {
    const report = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(ReportEntity, { id });
      if (!found || !mayReadReport(context.principal!, found.requestedBy)) throw new NotFoundError('report', id);
      if (found.status !== 'completed') throw new ReportNotReadyError(id, found.status, found.failureReason);
      await this.audit.append(manager, actorOf(context), {
        action: 'report.downloaded',
        entityType: 'report',
        entityId: id,
        before: null,
        after: { kind: found.kind, format: found.format, sha256: found.sha256, fileName: found.fileName },
      });
      return found;
    });
    const sha256 = report.sha256!;
    return {
      fileName: report.fileName!,
      contentType: CONTENT_TYPES[report.format],
      sizeBytes: Number(report.sizeBytes),
      sha256,
      reprDigest: `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`,
      stream: this.files.open(id, report.chunkCount!),
    };
  }
}
