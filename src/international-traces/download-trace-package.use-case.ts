import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { accessPurposeOf } from '../personal-data/access-purpose';
import { DistrictsService } from '../reference/districts.service';
import { TracePackageEntity } from './international-trace.entity';
import { PackageNotReadyError, RETRY_PACKAGE_SECONDS } from './international-traces.errors';
import type { TracePackage } from './trace-package';
import { tracePackagePdf } from './trace-package.pdf';

export type PackageDownload =
  | { ready: false; id: string; status: string; retryAfterSeconds: number }
  | { ready: true; contentType: string; fileName: string; sha256: string; body: Buffer };

/**
 * A trace's package as stored (JSON, the exact text of its sha256) or as a bilingual PDF.
 * Each download is audited with the caller and, for a package that names persons, the
 * purpose (required of police, Ley 81 de 2019).
 */
@Injectable()
export class DownloadTracePackageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly districts: DistrictsService,
  ) {}

  async execute(id: string, format: 'json' | 'pdf', purposeHeader: string | string[] | undefined, context: RequestContext): Promise<PackageDownload> {
    const pack = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(TracePackageEntity, { id });
      if (!found) throw new NotFoundError('internationalTrace', id);
      if (found.status === 'failed') throw new PackageNotReadyError(id, found.status, found.failureReason);
      if (found.status !== 'completed') return found;
      const owners = found.namesOwners ?? [];
      const purpose = owners.length > 0 ? accessPurposeOf(purposeHeader, context.principal) : null;
      await this.audit.append(manager, actorOf(context), {
        action: 'international_trace.package_downloaded',
        entityType: 'international_trace',
        entityId: id,
        before: null,
        // ownerIds puts the read in each holder's access log (GET /owners/:id/access-log).
        after: { format, sha256: found.sha256, purpose, ownerIds: owners },
      });
      return found;
    });
    if (pack.status !== 'completed') return { ready: false, id, status: pack.status, retryAfterSeconds: RETRY_PACKAGE_SECONDS };
    const sha256 = pack.sha256!;
    if (format === 'json') {
      return { ready: true, contentType: 'application/json; charset=utf-8', fileName: `iti-package-${id}.json`, sha256, body: Buffer.from(pack.content!, 'utf8') };
    }
    const districtNames = new Map((await this.districts.list()).map((district) => [district.code, district.name]));
    const body = await tracePackagePdf(JSON.parse(pack.content!) as TracePackage, sha256, districtNames);
    return { ready: true, contentType: 'application/pdf', fileName: `iti-package-${id}.pdf`, sha256, body };
  }
}
