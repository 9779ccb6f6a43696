import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.decorators';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import type { Page } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { languageOf } from '../i18n/language';
import { DownloadReportUseCase } from './download-report.use-case';
import { PARAMS_MODELS } from './report-params.dto';
import { AcceptedReportDto, CreateReportDto, ReportDto, ReportQuery } from './report.dto';
import { REPORT_USERS } from './reports.roles';
import { ReportsQuery } from './reports.query';
import { RequestReportUseCase } from './request-report.use-case';
import { PersonalDataRead } from '../personal-data/personal-data-read.decorator';
import { PERSON_REPORT_REQUEST } from '../personal-data/personal-data-reads';
import { Created } from '../common/location';

const FILE_DESCRIPTION =
  'The file once the report is completed, streamed from storage. Content-Type by format (application/pdf, ' +
  'text/csv; charset=utf-8, application/json); Content-Disposition names it <kind>[-<subject>]-<day>.<format>; ' +
  'Repr-Digest (RFC 9530) and ETag carry its SHA-256, the same as the report\'s sha256. Each download is audited (report.downloaded).';

@ApiTags('reports')
@ApiExtraModels(...PARAMS_MODELS)
@Controller('reports')
@Roles(...REPORT_USERS)
export class ReportsController {
  constructor(
    private readonly requestReport: RequestReportUseCase,
    private readonly downloadReport: DownloadReportUseCase,
    private readonly reports: ReportsQuery,
  ) {}

  @Post()
  @Created('/api/v1/reports/{id}')
  @HttpCode(202)
  @PersonalDataRead(PERSON_REPORT_REQUEST)
  @ApiOperation({
    summary: 'Ask for a report; built by the queue (poll GET /reports/:id, then GET /reports/:id/file)',
    description:
      'The request is audited (report.requested); the build is audited too (report.generated, with its sha256). ' +
      'A PDF is written in the language of Accept-Language (Spanish by default, English for `en`), fixed when it is requested; ' +
      'CSV and JSON keep the API\'s codes and field names whatever the language.',
  })
  @ApiAcceptedResponse({ type: AcceptedReportDto })
  @ApiProblems(ErrorCode.ValidationFailed)
  request(
    @Body() body: CreateReportDto,
    @Ctx() context: RequestContext,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<AcceptedReportDto> {
    return this.requestReport.execute(body, context, languageOf(acceptLanguage));
  }

  @Get()
  @ApiOperation({
    summary: 'Your reports (an admin: everyone’s), newest first, by kind or status',
    description:
      'Every role but witness. The caller\'s reports (an admin sees everyone\'s), newest first, filtered by kind or status, a page at a time.',
  })
  @ApiPageResponse(ReportDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: ReportQuery, @Ctx() context: RequestContext): Promise<Page<ReportDto>> {
    return this.reports.list(query, context.principal!);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A report: status `queued`, `running`, `completed` (with sha256, auditHeadSeq, size) or `failed`',
    description:
      'Every role but witness; only the report\'s requester or an admin (anyone else: 404 `NOT_FOUND`). Status of a report; once completed, its SHA-256, the audit head it was computed at and its size, ready at `/file`.',
  })
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string, @Ctx() context: RequestContext): Promise<ReportDto> {
    return this.reports.get(id, context.principal!);
  }

  @Get(':id/file')
  @ApiOperation({ summary: "The report's file; 409 REPORT_NOT_READY until it is completed", description: FILE_DESCRIPTION })
  @ApiProduces('application/pdf', 'text/csv', 'application/json')
  @ApiOkResponse({
    description: FILE_DESCRIPTION,
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'object' } },
    },
    headers: {
      'Content-Disposition': { description: 'attachment; filename="<kind>[-<subject>]-<day>.<format>"', schema: { type: 'string' } },
      'Repr-Digest': { description: 'sha-256=:<base64 of the SHA-256>:', schema: { type: 'string' } },
      ETag: { description: '"<hex SHA-256>"', schema: { type: 'string' } },
    },
  })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.ReportNotReady)
  async file(
    @Param('id', uuidParam()) id: string,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.downloadReport.execute(id, context);
    void reply.header('Repr-Digest', file.reprDigest).header('ETag', `"${file.sha256}"`);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.sizeBytes,
    });
  }
}
