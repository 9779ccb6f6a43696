import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/language';
import { masksPersonalData } from '../personal-data/report-access';
import { SubjectAccessService } from '../personal-data/subject-access.service';
import { ReportKind } from './report-kinds';
import { ReportParamsService } from './report-params.service';
import type { AcceptedReportDto, CreateReportDto } from './report.dto';
import { ReportRequests } from './report-requests.service';

@Injectable()
export class RequestReportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly params: ReportParamsService,
    private readonly reports: ReportRequests,
    private readonly subjectAccess: SubjectAccessService,
  ) {}

  /** The report row, its build job and its audit entry commit together or not at all. */
  async execute(input: CreateReportDto, context: RequestContext, language: Language = DEFAULT_LANGUAGE): Promise<AcceptedReportDto> {
    const params = await this.params.check(input.kind, input.params ?? {});
    const principal = context.principal!;
    if (input.kind === ReportKind.SubjectAccess) {
      await this.subjectAccess.assertMayRequest(principal, String(params.ownerId), input.format);
    }
    return this.dataSource.transaction(async (manager) => {
      const report = await this.reports.file(manager, actorOf(context), {
        kind: input.kind,
        format: input.format,
        params,
        requestedBy: principal.id,
        requestedByUsername: principal.username,
        requestId: context.requestId,
        maskPersonalData: masksPersonalData(principal),
        language,
      });
      return { id: report.id, status: 'queued' as const };
    });
  }
}
